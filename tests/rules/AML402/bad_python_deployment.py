from azure.ai.ml.entities import KubernetesOnlineDeployment as Deployment

blue = Deployment(name="blue", endpoint_name="churn", model="azureml:churn:1",
                  code_configuration=None)
