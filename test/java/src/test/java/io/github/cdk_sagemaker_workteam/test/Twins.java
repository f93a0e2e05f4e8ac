package io.github.cdk_sagemaker_workteam.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/** The templates of the TypeScript twins (test/twins/), which scripts/test-java.sh writes to TWINS_DIR. */
final class Twins {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Twins() {}

  /** An app with the context of the TypeScript twins (test/twins/context.json), in a folder of its own. */
  @SuppressWarnings("unchecked")
  static App newApp(Path outdir) throws IOException {
    Map<String, Object> context = JSON.readValue(Path.of("..", "twins", "context.json").toFile(), Map.class);
    return new App(AppProps.builder().outdir(outdir.toString()).context(context).build());
  }

  /** The stack synthesizes the template of its twin: the same sections, logical ids and values. */
  static void assertSameTemplate(Stack stack, String twin) throws IOException {
    String dir = System.getenv("TWINS_DIR");
    if (dir == null || dir.isEmpty()) {
      throw new IllegalStateException("TWINS_DIR is not set: run the twins first (ts-node test/twins/synth.ts <dir>)");
    }
    JsonNode expected = JSON.readTree(Files.readString(Path.of(dir, twin + ".template.json")));
    // Through JSON text, so that numbers and maps compare as the twin's do.
    JsonNode actual = JSON.readTree(JSON.writeValueAsString(Template.fromStack(stack).toJSON()));
    assertEquals(names(expected), names(actual), "template sections differ");
    for (String section : names(expected)) {
      JsonNode want = expected.get(section);
      JsonNode got = actual.get(section);
      if (want.isObject()) {
        assertEquals(names(want), names(got), "logical ids of " + section + " differ");
        for (String logicalId : names(want)) {
          assertEquals(want.get(logicalId), got.get(logicalId), section + "." + logicalId + " differs");
        }
      } else {
        assertEquals(want, got, section + " differs");
      }
    }
  }

  private static TreeSet<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return new TreeSet<>(names);
  }
}
