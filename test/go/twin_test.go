// The Go module as Go users get it: an OIDC workforce with two teams synthesizes the template of its TypeScript
// twin (test/twins/oidc-workforce.ts), and bad input fails naming the property.
package twins

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-sagemaker-workteam/cdk-sagemaker-workteam-go/cdksagemakerworkteam"
)

// newApp is an app with the context of the TypeScript twins (test/twins/context.json).
func newApp(t *testing.T) awscdk.App {
	raw, err := os.ReadFile(filepath.Join("..", "twins", "context.json"))
	if err != nil {
		t.Fatal(err)
	}
	var context map[string]interface{}
	if err := json.Unmarshal(raw, &context); err != nil {
		t.Fatal(err)
	}
	return awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(t.TempDir()), Context: &context})
}

func twinTemplate(t *testing.T, name string) map[string]interface{} {
	dir := os.Getenv("TWINS_DIR")
	if dir == "" {
		t.Fatal("TWINS_DIR is not set: run the twins first (ts-node test/twins/synth.ts <dir>)")
	}
	raw, err := os.ReadFile(filepath.Join(dir, name+".template.json"))
	if err != nil {
		t.Fatal(err)
	}
	var template map[string]interface{}
	if err := json.Unmarshal(raw, &template); err != nil {
		t.Fatal(err)
	}
	return template
}

func TestOidcWorkforceWithTeamsSynthesizesAsItsTwin(t *testing.T) {
	app := newApp(t)
	stack := awscdk.NewStack(app, jsii.String("OidcWorkforce"), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("eu-west-1")},
	})
	workforce := cdksagemakerworkteam.NewWorkforce(stack, jsii.String("Workforce"), &cdksagemakerworkteam.WorkforceProps{
		WorkforceName: jsii.String("reviewers"),
		Identity: cdksagemakerworkteam.WorkforceIdentity_Oidc(&cdksagemakerworkteam.OidcIdentityProps{
			ClientId:                         jsii.String("labeling_portal"),
			ClientSecret:                     awscdk.SecretValue_SecretsManager(jsii.String("labeling/oidc-client-secret"), nil),
			Issuer:                           jsii.String("https://idp.example.com"),
			AuthorizationEndpoint:            jsii.String("https://idp.example.com/authorize"),
			TokenEndpoint:                    jsii.String("https://idp.example.com/token"),
			UserInfoEndpoint:                 jsii.String("https://idp.example.com/userinfo"),
			LogoutEndpoint:                   jsii.String("https://idp.example.com/logout"),
			JwksUri:                          jsii.String("https://idp.example.com/jwks"),
			Scope:                            jsii.String("openid profile groups"),
			AuthenticationRequestExtraParams: &map[string]*string{"prompt": jsii.String("login")},
		}),
		AllowedSourceIps: jsii.Strings("203.0.113.0/24", "2001:db8::/32"),
		IpAddressType:    cdksagemakerworkteam.WorkforceIpAddressType_DUAL_STACK,
	})
	cdksagemakerworkteam.Workteam_FromOidcGroups(stack, jsii.String("Reviewers"), &cdksagemakerworkteam.OidcGroupsWorkteamProps{
		Groups:    jsii.Strings("reviewers", "senior-reviewers"),
		Workforce: workforce,
	})
	cdksagemakerworkteam.Workteam_FromOidcGroups(stack, jsii.String("Auditors"), &cdksagemakerworkteam.OidcGroupsWorkteamProps{
		Groups:       jsii.Strings("auditors"),
		WorkteamName: jsii.String("auditors"),
		Description:  jsii.String("Audits reviewed answers"),
		Tags:         &map[string]*string{"team": jsii.String("audit")},
	})

	actual := *assertions.Template_FromStack(stack, nil).ToJSON()
	expected := twinTemplate(t, "oidc-workforce")
	// Through JSON, so that both sides hold the same Go types.
	raw, _ := json.Marshal(actual)
	var normalized map[string]interface{}
	if err := json.Unmarshal(raw, &normalized); err != nil {
		t.Fatal(err)
	}
	for section, value := range expected {
		if !reflect.DeepEqual(normalized[section], value) {
			got, _ := json.MarshalIndent(normalized[section], "", " ")
			want, _ := json.MarshalIndent(value, "", " ")
			t.Errorf("%s differs from the TypeScript twin:\n got %s\nwant %s", section, got, want)
		}
	}
	if len(normalized) != len(expected) {
		t.Errorf("sections differ: got %d, want %d", len(normalized), len(expected))
	}
}

func TestFailsOnAWorkTeamNameTheApiRejects(t *testing.T) {
	stack := awscdk.NewStack(newApp(t), jsii.String("Stack"), nil)
	defer func() {
		message := ""
		if r := recover(); r != nil {
			if err, ok := r.(error); ok {
				message = err.Error()
			}
		}
		if !strings.Contains(message, `workteamName: "bad_name" is not allowed`) {
			t.Errorf("expected an error naming workteamName, got %q", message)
		}
	}()
	cdksagemakerworkteam.Workteam_FromOidcGroups(stack, jsii.String("Team"), &cdksagemakerworkteam.OidcGroupsWorkteamProps{
		Groups:       jsii.Strings("reviewers"),
		WorkteamName: jsii.String("bad_name"),
	})
}
