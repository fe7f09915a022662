from azure.ai.ml import KubernetesOnlineDeployment, Model, Environment, CodeConfiguration

deployment = KubernetesOnlineDeployment(name="blue", model=Model(path="model.pkl"))
