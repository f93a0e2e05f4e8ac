package io.github.cdk_sagemaker_workteam.test;

import io.github.cdk_sagemaker_workteam.OidcGroupsWorkteamProps;
import io.github.cdk_sagemaker_workteam.OidcIdentityProps;
import io.github.cdk_sagemaker_workteam.Workforce;
import io.github.cdk_sagemaker_workteam.WorkforceIdentity;
import io.github.cdk_sagemaker_workteam.WorkforceIpAddressType;
import io.github.cdk_sagemaker_workteam.Workteam;
import io.github.cdk_sagemaker_workteam.WorkteamMembers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolGroup;

/** Java apps that synthesize the same templates as their TypeScript twins in test/twins/. */
class TwinsTest {
  @TempDir Path outdir;

  private static Stack stackIn(App app, String id, String region) {
    return new Stack(app, id, StackProps.builder()
        .env(Environment.builder().account("123456789012").region(region).build())
        .build());
  }

  @Test
  void cognitoWorkforceWithTeamsSynthesizesAsItsTwin() throws Exception {
    Stack stack = stackIn(Twins.newApp(outdir), "CognitoWorkforce", "us-east-1");
    UserPool userPool = UserPool.Builder.create(stack, "Workers")
        .signInAliases(SignInAliases.builder().email(true).build())
        .build();
    userPool.addDomain("SignIn", UserPoolDomainOptions.builder()
        .cognitoDomain(CognitoDomainOptions.builder().domainPrefix("labeling-twins").build())
        .build());
    UserPoolClient userPoolClient = userPool.addClient("WorkerPortal", UserPoolClientOptions.builder()
        .generateSecret(true)
        .oAuth(OAuthSettings.builder()
            .flows(OAuthFlows.builder().authorizationCodeGrant(true).build())
            .scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL))
            .callbackUrls(List.of("https://abc123.labeling.sagemaker.aws/oauth2/idpresponse"))
            .logoutUrls(List.of("https://abc123.labeling.sagemaker.aws/logout"))
            .build())
        .build());
    UserPoolGroup labelers = UserPoolGroup.Builder.create(stack, "Labelers").userPool(userPool).groupName("labelers").build();
    UserPoolGroup reviewers = UserPoolGroup.Builder.create(stack, "Reviewers").userPool(userPool).groupName("reviewers").build();

    Workforce workforce = Workforce.Builder.create(stack, "Workforce")
        .identity(WorkforceIdentity.cognito(userPool, userPoolClient))
        .allowedSourceIps(List.of("203.0.113.0/24", "198.51.100.0/24"))
        .tags(Map.of("project", "catalogue"))
        .build();
    Workteam.fromCognitoGroup(stack, "ImageLabelers", io.github.cdk_sagemaker_workteam.CognitoGroupWorkteamProps.builder()
        .userPool(userPool)
        .userPoolClient(userPoolClient)
        .group(labelers)
        .workforce(workforce)
        .description("Labels product images")
        .build());
    Workteam.Builder.create(stack, "Team")
        .members(WorkteamMembers.fromCognitoGroups(userPool, userPoolClient, List.of(labelers, reviewers)))
        .workteamName("catalogue-labelers")
        .tags(Map.of("project", "catalogue"))
        .build();
    CfnOutput.Builder.create(stack, "WorkerPortal").value(workforce.getWorkerPortalUrl()).build();

    Twins.assertSameTemplate(stack, "cognito-workforce");
  }

  @Test
  void oidcWorkforceWithTeamsSynthesizesAsItsTwin() throws Exception {
    Stack stack = stackIn(Twins.newApp(outdir), "OidcWorkforce", "eu-west-1");
    Workforce workforce = Workforce.Builder.create(stack, "Workforce")
        .workforceName("reviewers")
        .identity(WorkforceIdentity.oidc(OidcIdentityProps.builder()
            .clientId("labeling_portal")
            .clientSecret(SecretValue.secretsManager("labeling/oidc-client-secret"))
            .issuer("https://idp.example.com")
            .authorizationEndpoint("https://idp.example.com/authorize")
            .tokenEndpoint("https://idp.example.com/token")
            .userInfoEndpoint("https://idp.example.com/userinfo")
            .logoutEndpoint("https://idp.example.com/logout")
            .jwksUri("https://idp.example.com/jwks")
            .scope("openid profile groups")
            .authenticationRequestExtraParams(Map.of("prompt", "login"))
            .build()))
        .allowedSourceIps(List.of("203.0.113.0/24", "2001:db8::/32"))
        .ipAddressType(WorkforceIpAddressType.DUAL_STACK)
        .build();
    Workteam.fromOidcGroups(stack, "Reviewers", OidcGroupsWorkteamProps.builder()
        .groups(List.of("reviewers", "senior-reviewers"))
        .workforce(workforce)
        .build());
    Workteam.fromOidcGroups(stack, "Auditors", OidcGroupsWorkteamProps.builder()
        .groups(List.of("auditors"))
        .workteamName("auditors")
        .description("Audits reviewed answers")
        .tags(Map.of("team", "audit"))
        .build());

    Twins.assertSameTemplate(stack, "oidc-workforce");
  }
}
