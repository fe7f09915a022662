from azure.ai.ml.entities import (
    KubernetesOnlineDeployment,
    KubernetesOnlineEndpoint,
    ManagedOnlineDeployment,
)

endpoint = KubernetesOnlineEndpoint(name="churn-k8s", compute="k8s-compute")
blue = KubernetesOnlineDeployment(name="blue", endpoint_name="churn-k8s", instance_type="gpu-t4")
green = ManagedOnlineDeployment(name="green", endpoint_name="churn-managed",
                                instance_type="Standard_DS3_v2")
