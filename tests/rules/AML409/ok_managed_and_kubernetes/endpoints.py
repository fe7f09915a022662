from azure.ai.ml.entities import ManagedOnlineEndpoint

ManagedOnlineEndpoint(name="churn-managed", auth_mode="key")
