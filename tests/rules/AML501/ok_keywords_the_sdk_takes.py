from azure.ai.ml.entities import (
    CommandJob,
    JobResourceConfiguration,
    KubernetesOnlineDeployment,
    KubernetesOnlineEndpoint,
    ManagedOnlineDeployment,
    ResourceRequirementsSettings,
    ResourceSettings,
)

settings = {"instance_type": "cpu-small"}
endpoint = KubernetesOnlineEndpoint(name="churn-endpoint", compute="k8s", auth_mode="key")
blue = KubernetesOnlineDeployment(
    name="blue",
    endpoint_name="churn-endpoint",
    instance_type="cpu-small",
    instance_count=1,
    resources=ResourceRequirementsSettings(
        requests=ResourceSettings(cpu="1", memory="2Gi"),
        limits=ResourceSettings(cpu="2", memory="4Gi", gpu="1"),
    ),
    **settings,
)
green = ManagedOnlineDeployment(
    name="green", endpoint_name="churn-managed", instance_type="Standard_DS3_v2"
)
job = CommandJob(
    command="python train.py",
    compute="k8s",
    resources=JobResourceConfiguration(instance_type="cpu-small", instance_count=2),
)
