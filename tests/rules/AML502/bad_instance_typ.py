from azure.ai.ml import command
from azure.ai.ml.entities import JobResourceConfiguration

job = command(
    command="python train.py",
    environment="azureml:lightgbm:1",
    compute="k8s-compute",
    instance_typ="gpu-a100",
)
job.set_resources(instance_count=2, instance_typ="gpu-a100")
job.resources = JobResourceConfiguration(instance_type="gpu-a100", node_count=2)
