"""Python apps that synthesize the same templates as their TypeScript twins in test/twins/."""
import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from cdk_sagemaker_workteam import (
    FlowDefinition,
    HumanLoopSource,
    WorkerAccessConfiguration,
    Workforce,
    WorkforceIdentity,
    WorkforceIpAddressType,
    Workteam,
    WorkteamMembers,
)

from conftest import assert_same_template


def test_cognito_workforce_with_teams_synthesizes_as_its_twin(app):
    stack = cdk.Stack(app, "CognitoWorkforce", env=cdk.Environment(account="123456789012", region="us-east-1"))
    user_pool = cognito.UserPool(stack, "Workers", sign_in_aliases=cognito.SignInAliases(email=True))
    user_pool.add_domain("SignIn", cognito_domain=cognito.CognitoDomainOptions(domain_prefix="labeling-twins"))
    user_pool_client = user_pool.add_client(
        "WorkerPortal",
        generate_secret=True,
        o_auth=cognito.OAuthSettings(
            flows=cognito.OAuthFlows(authorization_code_grant=True),
            scopes=[cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
            callback_urls=["https://abc123.labeling.sagemaker.aws/oauth2/idpresponse"],
            logout_urls=["https://abc123.labeling.sagemaker.aws/logout"],
        ),
    )
    labelers = cognito.UserPoolGroup(stack, "Labelers", user_pool=user_pool, group_name="labelers")
    reviewers = cognito.UserPoolGroup(stack, "Reviewers", user_pool=user_pool, group_name="reviewers")

    workforce = Workforce(
        stack,
        "Workforce",
        identity=WorkforceIdentity.cognito(user_pool, user_pool_client),
        allowed_source_ips=["203.0.113.0/24", "198.51.100.0/24"],
        tags={"project": "catalogue"},
    )
    Workteam.from_cognito_group(
        stack,
        "ImageLabelers",
        user_pool=user_pool,
        user_pool_client=user_pool_client,
        group=labelers,
        workforce=workforce,
        description="Labels product images",
    )
    Workteam(
        stack,
        "Team",
        members=WorkteamMembers.from_cognito_groups(user_pool, user_pool_client, [labelers, reviewers]),
        workteam_name="catalogue-labelers",
        tags={"project": "catalogue"},
    )
    cdk.CfnOutput(stack, "WorkerPortal", value=workforce.worker_portal_url)

    assert_same_template(stack, "cognito-workforce")


def oidc_identity():
    return WorkforceIdentity.oidc(
        client_id="labeling_portal",
        client_secret=cdk.SecretValue.secrets_manager("labeling/oidc-client-secret"),
        issuer="https://idp.example.com",
        authorization_endpoint="https://idp.example.com/authorize",
        token_endpoint="https://idp.example.com/token",
        user_info_endpoint="https://idp.example.com/userinfo",
        logout_endpoint="https://idp.example.com/logout",
        jwks_uri="https://idp.example.com/jwks",
        scope="openid profile groups",
        authentication_request_extra_params={"prompt": "login"},
    )


def test_oidc_workforce_with_teams_synthesizes_as_its_twin(app):
    stack = cdk.Stack(app, "OidcWorkforce", env=cdk.Environment(account="123456789012", region="eu-west-1"))
    workforce = Workforce(
        stack,
        "Workforce",
        workforce_name="reviewers",
        identity=oidc_identity(),
        allowed_source_ips=["203.0.113.0/24", "2001:db8::/32"],
        ip_address_type=WorkforceIpAddressType.DUAL_STACK,
    )
    Workteam.from_oidc_groups(stack, "Reviewers", groups=["reviewers", "senior-reviewers"], workforce=workforce)
    Workteam.from_oidc_groups(
        stack,
        "Auditors",
        groups=["auditors"],
        workteam_name="auditors",
        description="Audits reviewed answers",
        tags={"team": "audit"},
    )

    assert_same_template(stack, "oidc-workforce")


def test_notifications_worker_access_and_grants_synthesize_as_their_twin(app):
    stack = cdk.Stack(app, "NotificationsGrants", env=cdk.Environment(account="123456789012", region="us-east-1"))
    user_pool = cognito.UserPool(stack, "Workers")
    user_pool_client = user_pool.add_client("WorkerPortal", generate_secret=True)
    labelers = cognito.UserPoolGroup(stack, "Labelers", user_pool=user_pool, group_name="labelers")
    key = kms.Key(stack, "TopicKey", enable_key_rotation=True)
    topic = sns.Topic(stack, "NewTasks", enforce_ssl=True, master_key=key)

    team = Workteam.from_cognito_group(
        stack,
        "LabelersTeam",
        user_pool=user_pool,
        user_pool_client=user_pool_client,
        group=labelers,
        notification_topic=topic,
        worker_access=WorkerAccessConfiguration(restrict_s3_presigned_urls_to_source_ip=True),
    )
    pipeline_role = iam.Role(stack, "PipelineRole", assumed_by=iam.ServicePrincipal("sagemaker.amazonaws.com"))
    operator_role = iam.Role(stack, "OperatorRole", assumed_by=iam.AccountRootPrincipal())
    team.grants.create_labeling_jobs(pipeline_role)
    team.grants.create_flow_definitions(pipeline_role)
    team.grants.describe(operator_role)
    team.grants.update(operator_role)

    imported = Workteam.from_workteam_name(stack, "Imported", "partner-team")
    imported.grants.create_labeling_jobs(pipeline_role)

    assert_same_template(stack, "notifications-grants")


def test_bedrock_evaluation_flow_definition_synthesizes_as_its_twin(app):
    stack = cdk.Stack(app, "BedrockEvaluation", env=cdk.Environment(account="123456789012", region="us-east-1"))
    user_pool = cognito.UserPool(
        stack, "Evaluators", self_sign_up_enabled=False, sign_in_aliases=cognito.SignInAliases(email=True)
    )
    user_pool.add_domain("SignIn", cognito_domain=cognito.CognitoDomainOptions(domain_prefix="evaluation-twins"))
    user_pool_client = user_pool.add_client(
        "WorkerPortal",
        generate_secret=True,
        o_auth=cognito.OAuthSettings(
            flows=cognito.OAuthFlows(authorization_code_grant=True),
            scopes=[cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
            callback_urls=["https://localhost"],
        ),
    )
    workforce = Workforce(stack, "Workforce", identity=WorkforceIdentity.cognito(user_pool, user_pool_client))
    raters = cognito.UserPoolGroup(stack, "Raters", user_pool=user_pool, group_name="raters")
    team = Workteam.from_cognito_group(
        stack, "RatingTeam", workforce=workforce, group=raters, description="Rates model answers"
    )

    key = kms.Key(stack, "ResultsKey", enable_key_rotation=True)
    results = s3.Bucket(
        stack,
        "Results",
        enforce_ssl=True,
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        encryption=s3.BucketEncryption.KMS,
        encryption_key=key,
    )
    flow = FlowDefinition(
        stack,
        "HumanEvaluation",
        source=HumanLoopSource.bedrock_model_evaluation(),
        workteam=team,
        task_title="Rate the answers of two models",
        task_description="Read the prompt and rate each answer",
        task_keywords=["evaluation", "rating"],
        workers_per_object=2,
        task_time_limit=cdk.Duration.hours(1),
        task_availability_lifetime=cdk.Duration.days(10),
        output_bucket=results,
        output_prefix="human-loops/",
        tags={"project": "evaluation"},
    )

    evaluation_role = iam.Role(
        stack,
        "EvaluationRole",
        assumed_by=iam.ServicePrincipal(
            "bedrock.amazonaws.com", conditions={"StringEquals": {"aws:SourceAccount": stack.account}}
        ),
    )
    flow.grant_bedrock_evaluation(evaluation_role)
    operator_role = iam.Role(stack, "OperatorRole", assumed_by=iam.AccountRootPrincipal())
    flow.grants.describe(operator_role)

    cdk.CfnOutput(stack, "FlowDefinitionArn", value=flow.flow_definition_arn)
    cdk.CfnOutput(stack, "EvaluationRoleArn", value=evaluation_role.role_arn)

    assert_same_template(stack, "bedrock-evaluation")
