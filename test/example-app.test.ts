import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { NagViolation, testApp, withoutNodeLatestL1 } from './util';
import { LabelingTeamStack } from '../examples/labeling-team-stack';

describe('example app', () => {
  test('synthesizes a work team of the Cognito group, notified through the topic', () => {
    // GIVEN / WHEN
    const app = testApp();
    const stack = new LabelingTeamStack(app, 'Example');

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'labelers' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: true, AllowedOAuthFlows: ['code'], CallbackURLs: ['https://localhost'] });
    template.hasResourceProperties('AWS::SageMaker::Workforce', {
      CognitoConfig: {
        UserPool: { Ref: stack.resolve(stack.userPool.userPoolId).Ref },
        ClientId: { Ref: stack.resolve(stack.userPoolClient.userPoolClientId).Ref },
      },
    });
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SageMaker::Workteam', {
      WorkteamName: 'Example-ImageLabelers-37047A2C',
      MemberDefinitions: [
        {
          CognitoMemberDefinition: {
            CognitoUserPool: { Ref: stack.resolve(stack.userPool.userPoolId).Ref },
            CognitoClientId: { Ref: stack.resolve(stack.userPoolClient.userPoolClientId).Ref },
            CognitoUserGroup: { Ref: stack.resolve(stack.labelers.groupName).Ref },
          },
        },
      ],
      NotificationConfiguration: { NotificationTopicArn: { Ref: stack.resolve(stack.notificationTopic.topicArn).Ref } },
      WorkforceName: stack.resolve(stack.workforce.workforceName),
    });
  });

  test('deploys in one pass: the workforce waits for the domain, the portal URLs follow the workforce and the client', () => {
    const app = testApp();

    const stack = new LabelingTeamStack(app, 'Example');

    const template = Template.fromStack(stack);
    const logicalId = (value: string) => stack.resolve(value).Ref as string;
    const domain = Object.keys(template.findResources('AWS::Cognito::UserPoolDomain'))[0];
    template.hasResource('AWS::SageMaker::Workforce', { DependsOn: [domain] });
    template.hasResourceProperties('Custom::SageMakerWorkerPortalUrls', {
      UserPoolId: { Ref: logicalId(stack.userPool.userPoolId) },
      ClientId: { Ref: logicalId(stack.userPoolClient.userPoolClientId) },
      CallbackUrl: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^Workforce'), 'SubDomain'] }, '/oauth2/idpresponse']] },
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  describe('cdk-nag AwsSolutions checks', () => {
    /** Every finding of the AwsSolutions pack on an app, from the synth's validation report. */
    function nagFindings(addStacks: (app: App) => void): unknown[] {
      const app = testApp();
      addStacks(app);
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      try {
        app.synth();
      } catch (error) {
        // Errors fail the synth; the report lists them all the same.
      }
      const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'validation-report.json'), 'utf-8'));
      return withoutNodeLatestL1(
        app,
        report.pluginReports.flatMap((pluginReport: { violations?: NagViolation[] }) => pluginReport.violations ?? []),
      );
    }

    test('find nothing in the example app, with no acknowledgement', () => {
      const findings = nagFindings((app) => new LabelingTeamStack(app, 'Example', { env: { account: '123456789012', region: 'us-east-1' } }));

      expect(findings).toEqual([]);
    });

    test('do find what they check (the check can fail)', () => {
      const findings = nagFindings((app) => {
        const stack = new Stack(app, 'Bad');
        new iam.Role(stack, 'Role', {
          assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
          managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
        });
      });

      expect(JSON.stringify(findings)).toContain('AwsSolutions-IAM4');
    });
  });
});
