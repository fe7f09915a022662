import azure.ai.ml.entities as entities
from azure.ai.ml import Input, MLClient, command, dsl
from azure.ai.ml.dsl import pipeline
from azure.ai.ml.entities import Choice, KubernetesOnlineDeployment as Deployment
from azure.ai.ml.entities._deployment.container_resource_settings import ResourceSettings
from azure.ai.ml.sweep import Choice as SweepChoice
from azure.ai.ml import __version__, _ml_client
