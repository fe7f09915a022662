from azure.ai.ml import command

# amlarc-lint: ignore[AML502]
job = command(command="python train.py", instance_type="gpu")
text = "# amlarc-lint: ignore[AML501] is only a string here"
other = command(command="python train.py")  # amlarc-lint: ignore
