from azure.ai.ml.entities import KubernetesOnlineEndpoint, ManagedOnlineDeployment

endpoint = KubernetesOnlineEndpoint(name="churn-k8s", compute="k8s-compute")
green = ManagedOnlineDeployment(name="green", endpoint_name="churn-managed",
                                instance_type="gpu-t4")
