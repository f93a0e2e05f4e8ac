"""Bad input fails in Python as in TypeScript: with an error that names the construct path and the property."""
import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito as cognito
from cdk_sagemaker_workteam import Workforce, WorkforceIdentity, Workteam


def stack_of(app):
    return cdk.Stack(app, "Stack", env=cdk.Environment(account="123456789012", region="us-east-1"))


def test_fails_on_a_work_team_name_the_api_rejects(app):
    with pytest.raises(RuntimeError, match=r"Stack/Team(.|\n)*workteamName: \"bad_name\" is not allowed"):
        Workteam.from_oidc_groups(stack_of(app), "Team", groups=["reviewers"], workteam_name="bad_name")


def test_fails_on_eleven_allowed_source_ips(app):
    cidrs = [f"10.0.{i}.0/24" for i in range(11)]
    user_pool = cognito.UserPool(stack_of(app), "Workers")
    with pytest.raises(RuntimeError, match=r"allowedSourceIps: has 11 items; it must have 1 to 10"):
        Workforce(
            user_pool.stack,
            "Workforce",
            identity=WorkforceIdentity.cognito(user_pool, user_pool.add_client("Portal")),
            allowed_source_ips=cidrs,
        )


def test_fails_at_synth_on_oidc_groups_on_a_cognito_workforce(app):
    stack = stack_of(app)
    user_pool = cognito.UserPool(stack, "Workers")
    workforce = Workforce(stack, "Workforce", identity=WorkforceIdentity.cognito(user_pool, user_pool.add_client("Portal")))
    Workteam.from_oidc_groups(stack, "Team", groups=["reviewers"], workforce=workforce)
    with pytest.raises(RuntimeError, match=r"Stack/Team(.|\n)*workforce"):
        app.synth()


def test_fails_on_a_value_of_the_wrong_type_naming_the_property(app):
    # The jsii kernel rejects a string where the struct takes a list, before the library runs.
    with pytest.raises(RuntimeError, match=r"OidcGroupsWorkteamProps(.|\n)*Key 'groups'"):
        Workteam.from_oidc_groups(stack_of(app), "Team", groups="reviewers")
