from azure.ai.ml import command

# amlarc-lint: ignore[AML502]
job = command(command="python train.py", instance_typ="gpu")
other = command(command="python train.py", compute_typ="k8s")  # amlarc-lint: ignore[AML502]
