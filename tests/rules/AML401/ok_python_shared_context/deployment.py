import argparse

from azure.ai.ml import command
from azure.ai.ml.entities import AmlCompute, KubernetesOnlineDeployment, KubernetesOnlineEndpoint

parser = argparse.ArgumentParser()
parser.add_argument("--instance-type")
args = parser.parse_args()

endpoint = KubernetesOnlineEndpoint(name="churn", compute="k8s-compute")
blue = KubernetesOnlineDeployment(name="blue", endpoint_name="churn", instance_type="gpu-t4")
green = KubernetesOnlineDeployment(name="green", endpoint_name="churn",
                                   instance_type=args.instance_type)
cpu_cluster = AmlCompute(name="cpu-cluster", size="Standard_DS3_v2")
on_vm = command(command="python train.py", compute="cpu-cluster", instance_type="Standard_DS3_v2")
serverless = command(command="python train.py", instance_type="Standard_NC6s_v3")
size = "gpu-t4"
for size in ("gpu-t4", "gpu-x"):
    looped = command(command="python train.py", compute="k8s-compute", instance_type=size)


def submit(instance_type: str) -> None:
    command(command="python train.py", compute="k8s-compute", instance_type=instance_type)
