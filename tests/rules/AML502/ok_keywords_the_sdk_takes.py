from azure.ai.ml import command

job = command(
    command="python train.py",
    environment="azureml:lightgbm:1",
    compute="k8s-compute",
    instance_type="gpu-a100",
    instance_count=2,
)
job.set_resources(instance_type="gpu-a100", shm_size="8g")
