from azure.ai.ml import entities as ml

blue = ml.KubernetesOnlineDeployment(
    name="blue",
    endpoint_name="churn-endpoint",
    instance_type="cpu-small",
    resource_requirements=ml.ResourceRequirementsSettings(
        requests=ml.ResourceSettings(cpu="1", memory="2Gi"),
    ),
)
green = ml.ManagedOnlineDeployment(
    name="green",
    endpoint_name="churn-managed",
    instance_type="Standard_DS3_v2",
    resources=ml.ResourceRequirementsSettings(),
)
endpoint = ml.KubernetesOnlineEndpoint(name="churn-endpoint", compute="k8s", instance_type="cpu")
limits = ml.ResourceSettings(cpus="2", memory="4Gi")
job = ml.CommandJob(command="python train.py", compute="k8s", instance_type="cpu-small")
