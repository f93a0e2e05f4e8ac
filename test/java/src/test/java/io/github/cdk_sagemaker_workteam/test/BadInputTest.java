package io.github.cdk_sagemaker_workteam.test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdk_sagemaker_workteam.OidcGroupsWorkteamProps;
import io.github.cdk_sagemaker_workteam.Workteam;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/** Bad input fails in Java as in TypeScript: with an error that names the construct path, the property and the value. */
class BadInputTest {
  @TempDir Path outdir;

  @Test
  void failsOnAWorkTeamNameTheApiRejects() throws Exception {
    Stack stack = new Stack(Twins.newApp(outdir), "Stack", StackProps.builder()
        .env(Environment.builder().account("123456789012").region("us-east-1").build())
        .build());

    RuntimeException error = assertThrows(RuntimeException.class, () -> Workteam.fromOidcGroups(stack, "Team",
        OidcGroupsWorkteamProps.builder().groups(List.of("reviewers")).workteamName("bad_name").build()));

    String message = error.getMessage();
    assertTrue(message.contains("Stack/Team"), message);
    assertTrue(message.contains("workteamName: \"bad_name\" is not allowed"), message);
  }
}
