module github.com/cdk-sagemaker-workteam/cdk-sagemaker-workteam/test/go

go 1.26.0

require (
	github.com/aws/aws-cdk-go/awscdk/v2 v2.275.0
	github.com/aws/jsii-runtime-go v1.142.0
	github.com/cdk-sagemaker-workteam/cdk-sagemaker-workteam-go/cdksagemakerworkteam v0.0.0
)

require (
	github.com/Masterminds/semver/v3 v3.5.0 // indirect
	github.com/aws/constructs-go/constructs/v10 v10.8.1 // indirect
	github.com/bitfield/gotestdox v0.2.2 // indirect
	github.com/cdklabs/awscdk-asset-awscli-go/awscliv1/v2 v2.2.292 // indirect
	github.com/cdklabs/awscdk-asset-node-proxy-agent-go/nodeproxyagentv6/v2 v2.1.3 // indirect
	github.com/cdklabs/cloud-assembly-schema-go/awscdkcloudassemblyschema/v55 v55.0.0 // indirect
	github.com/dnephin/pflag v1.0.7 // indirect
	github.com/fatih/color v1.19.0 // indirect
	github.com/fsnotify/fsnotify v1.9.0 // indirect
	github.com/google/shlex v0.0.0-20191202100458-e7afc7fbc510 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/yuin/goldmark v1.7.16 // indirect
	golang.org/x/lint v0.0.0-20241112194109-818c5a804067 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/telemetry v0.0.0-20261009151841-97e8ea77aa2a // indirect
	golang.org/x/term v0.35.0 // indirect
	golang.org/x/text v0.17.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
	golang.org/x/tools/cmd/godoc v0.1.0-deprecated // indirect
	golang.org/x/tools/godoc v0.1.0-deprecated // indirect
	gotest.tools/gotestsum v1.13.0 // indirect
)

// The module jsii-pacmak generates (scripts/test-go.sh writes it to dist/go/).
replace github.com/cdk-sagemaker-workteam/cdk-sagemaker-workteam-go/cdksagemakerworkteam => ../../dist/go/cdksagemakerworkteam

// The Go module proxy serves no awscdk v2.271.0 to v2.274.0 (403): the nearest release above the pinned minimum
// that it serves. constructs v10.5.1 is served; aws-cdk-go v2.275.0 requires v10.8.1, which Go selects.
replace github.com/aws/aws-cdk-go/awscdk/v2 v2.271.0 => github.com/aws/aws-cdk-go/awscdk/v2 v2.275.0

tool gotest.tools/gotestsum
