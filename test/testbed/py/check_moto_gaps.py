"""Re-checks, on the pinned moto without the test bed's engine, the gaps the engine fills.
Prints one JSON object: gap name -> whether plain moto still has it."""
from __future__ import annotations

import json
import os

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")

import boto3  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402
from moto import mock_aws  # noqa: E402


def unsupported(call) -> bool:
    try:
        call()
    except NotImplementedError:
        return True
    except ClientError as error:
        return error.response["Error"]["Code"] in ("InvalidAction", "UnknownOperationException", "NotImplemented")
    except AttributeError:
        return True
    return False


@mock_aws
def main() -> dict[str, bool]:
    ecs = boto3.client("ecs")
    ecs.create_cluster(clusterName="c")
    first = ecs.register_task_definition(family="f", containerDefinitions=[{"name": "w", "image": "i:1", "memory": 64}])
    second = ecs.register_task_definition(family="f", containerDefinitions=[{"name": "w", "image": "i:2", "memory": 64}])
    ecs.create_service(cluster="c", serviceName="s", taskDefinition=first["taskDefinition"]["taskDefinitionArn"], desiredCount=1)
    ecs.update_service(cluster="c", service="s", taskDefinition=second["taskDefinition"]["taskDefinitionArn"])
    deployments = ecs.describe_services(cluster="c", services=["s"])["services"][0]["deployments"]

    codedeploy = boto3.client("codedeploy")
    codedeploy.create_application(applicationName="a", computePlatform="ECS")
    codedeploy.create_deployment_group(applicationName="a", deploymentGroupName="g", serviceRoleArn="arn:aws:iam::123456789012:role/r")
    deployment_id = codedeploy.create_deployment(applicationName="a", deploymentGroupName="g",
                                                 revision={"revisionType": "AppSpecContent", "appSpecContent": {"content": "{}"}})["deploymentId"]
    status = codedeploy.get_deployment(deploymentId=deployment_id)["deploymentInfo"]["status"]
    return {
        "ecsUpdateServiceMakesNoNewDeployment": len(deployments) == 1,
        "codedeployDeploymentStaysCreated": status == "Created",
        "codedeployHasNoStopDeployment": unsupported(lambda: codedeploy.stop_deployment(deploymentId=deployment_id)),
        "codedeployHasNoContinueDeployment": unsupported(lambda: codedeploy.continue_deployment(deploymentId=deployment_id)),
        "codedeployHasNoGetDeploymentConfig": unsupported(
            lambda: codedeploy.get_deployment_config(deploymentConfigName="CodeDeployDefault.ECSAllAtOnce")),
        "ecsHasNoListServiceDeployments": unsupported(lambda: ecs.list_service_deployments(cluster="c", service="s")),
        "iamHasNoSimulatePrincipalPolicy": unsupported(
            lambda: boto3.client("iam").simulate_principal_policy(PolicySourceArn="arn:aws:iam::123456789012:user/u",
                                                                  ActionNames=["ecs:UpdateService"])),
    }


if __name__ == "__main__":
    print(json.dumps(main()))
