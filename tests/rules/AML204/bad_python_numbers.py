from azure.ai.ml.entities import KubernetesOnlineDeployment, ResourceRequirementsSettings
from azure.ai.ml.entities import ResourceSettings

CPU = 1
deployment = KubernetesOnlineDeployment(
    name="blue",
    endpoint_name="churn",
    instance_type="cpu-small",
    resources=ResourceRequirementsSettings(
        requests=ResourceSettings(cpu=CPU, memory="2Gi"),
        limits=ResourceSettings(cpu=2, memory="4Gi", gpu=1),
    ),
)
