from azure.ai.ml.entities import KubernetesOnlineDeployment, ManagedOnlineEndpoint

ManagedOnlineEndpoint(name="scoring")
blue = KubernetesOnlineDeployment(name="blue", endpoint_name="churn-managed", instance_type="a")
green = KubernetesOnlineDeployment(name="green", endpoint_name="scoring", instance_type="a")
