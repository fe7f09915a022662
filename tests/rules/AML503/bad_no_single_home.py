from azure.ai.ml.entities import Input, ResourceSettings
from azure.ai.ml.dsl import command as dsl_command
