from azure.ai.ml import command
from azure.ai.ml.dsl import pipeline
from azure.ai.ml.entities import JobResourceConfiguration

COMPUTE = "azureml:k8s-compute"

job = command(command="python train.py", environment="azureml:sklearn:1", compute=COMPUTE)
job.resources = JobResourceConfiguration(instance_type="gpu-t5")

other = command(command="python eval.py", environment="azureml:sklearn:1")
other.compute = "k8s-compute"
other.resources.instance_type = "GPU-T4"


@pipeline(default_compute="k8s-compute")
def training(data):
    step = command(command="python prep.py", instance_type="gpu_t4")
    return step.outputs
