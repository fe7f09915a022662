from azure.ai.ml.entities import (
    KubernetesOnlineDeployment,
    ResourceRequirementsSettings,
    ResourceSettings,
)

requests = ResourceSettings(cpu="0.1", memory="0.2G")
limits = ResourceSettings(cpu="0.2", memory="0.5G", nvidia_gpu="1")
resources = ResourceRequirementsSettings(requests=requests, limits=limits)

blue_deployment = KubernetesOnlineDeployment(
    name="blue",
    endpoint_name="churn-endpoint",
    resources=resources,
    instance_count=1,
    instance_type="gpu-small",
)
