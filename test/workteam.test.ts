import { App, CfnOutput, CfnParameter, Fn, Lazy, Stack, Tags } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { ENV, OIDC_PROPS, testApp, testStack } from './util';
import { Workforce, WorkforceIdentity, Workteam, WorkteamMembers } from '../src';

/** A user pool, its worker-portal client and a group, as a Cognito work team needs them. */
function cognitoFixture(stack: Stack) {
  const userPool = new cognito.UserPool(stack, 'Pool');
  const userPoolClient = userPool.addClient('Client', { generateSecret: true });
  const group = new cognito.UserPoolGroup(stack, 'Group', { userPool, groupName: 'labelers' });
  return { userPool, userPoolClient, group };
}

function oidcTeam(stack: Construct, id = 'Team', props: Partial<Parameters<typeof Workteam.fromOidcGroups>[2]> = {}) {
  return Workteam.fromOidcGroups(stack, id, { groups: ['labelers'], ...props });
}

describe('a Cognito work team', () => {
  test('renders one member definition with the pool, the client and the group', () => {
    // GIVEN
    const stack = testStack();
    const fixture = cognitoFixture(stack);

    // WHEN
    Workteam.fromCognitoGroup(stack, 'Team', fixture);

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workteam', {
      MemberDefinitions: [
        {
          CognitoMemberDefinition: {
            CognitoUserPool: { Ref: 'PoolD3F588B8' },
            CognitoClientId: { Ref: 'PoolClient8A3E5EB7' },
            CognitoUserGroup: { Ref: 'GroupC77FDACD' },
          },
        },
      ],
      WorkteamName: 'Stack-Team-07215EAE',
      Description: 'Private work team Stack/Team',
      WorkforceName: Match.absent(),
      NotificationConfiguration: Match.absent(),
    });
  });

  test('renders one member definition for each group of WorkteamMembers.fromCognitoGroups', () => {
    // GIVEN
    const stack = testStack();
    const { userPool, userPoolClient, group } = cognitoFixture(stack);
    const reviewers = new cognito.UserPoolGroup(stack, 'Reviewers', { userPool, groupName: 'reviewers' });

    // WHEN
    new Workteam(stack, 'Team', {
      members: WorkteamMembers.fromCognitoGroups(userPool, userPoolClient, [group, reviewers]),
    });

    // THEN
    const definition = (groupRef: string) => ({
      CognitoMemberDefinition: {
        CognitoUserPool: { Ref: 'PoolD3F588B8' },
        CognitoClientId: { Ref: 'PoolClient8A3E5EB7' },
        CognitoUserGroup: { Ref: groupRef },
      },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workteam', {
      MemberDefinitions: [definition('GroupC77FDACD'), definition('ReviewersACB10B3E')],
    });
  });

  test('exposes the members it was given', () => {
    const stack = testStack();
    const fixture = cognitoFixture(stack);

    const team = Workteam.fromCognitoGroup(stack, 'Team', fixture);

    expect(team.members.identityProviderType).toBe('COGNITO');
    expect(team.members.userPool).toBe(fixture.userPool);
    expect(team.members.userPoolClient).toBe(fixture.userPoolClient);
  });

  test('accepts imported pools, clients and groups', () => {
    const stack = testStack();

    Workteam.fromCognitoGroup(stack, 'Team', {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_aBcDeF123'),
      userPoolClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', '1example23456789'),
      group: cognito.UserPoolGroup.fromGroupName(stack, 'Group', 'Labelers Ünïcode-✓'.replace(' ', '_')),
    });

    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workteam', {
      MemberDefinitions: [
        {
          CognitoMemberDefinition: {
            CognitoUserPool: 'us-east-1_aBcDeF123',
            CognitoClientId: '1example23456789',
            CognitoUserGroup: 'Labelers_Ünïcode-✓',
          },
        },
      ],
    });
  });
});

describe('an OIDC work team', () => {
  test('renders one member definition with all its groups', () => {
    const stack = testStack();

    Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers', 'reviewers'] });

    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workteam', {
      MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: ['labelers', 'reviewers'] } }],
    });
  });

  test('exposes OIDC members without a user pool', () => {
    const team = oidcTeam(testStack());

    expect(team.members.identityProviderType).toBe('OIDC');
    expect(team.members.userPool).toBeUndefined();
    expect(team.members.userPoolClient).toBeUndefined();
  });
});

describe('work team options', () => {
  test('uses the name, description, workforce and topic it is given', () => {
    // GIVEN
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic');

    // WHEN
    oidcTeam(stack, 'Team', {
      workteamName: 'image-labelers',
      description: 'Labels product images',
      workforce: Workforce.fromWorkforceName(stack, 'Workforce', 'my-workforce'),
      notificationTopic: topic,
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workteam', {
      WorkteamName: 'image-labelers',
      Description: 'Labels product images',
      WorkforceName: 'my-workforce',
      NotificationConfiguration: { NotificationTopicArn: { Ref: 'TopicBFC7AF6E' } },
    });
  });

  test('tags the team with its tags prop and with Tags.of on any parent', () => {
    // GIVEN
    const app = testApp();
    const stack = testStack(ENV, app);

    // WHEN
    oidcTeam(stack, 'Team', { tags: { project: 'catalogue' } });
    Tags.of(app).add('cost-center', '1234');

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workteam', {
      Tags: Match.arrayWith([
        { Key: 'cost-center', Value: '1234' },
        { Key: 'project', Value: 'catalogue' },
      ]),
    });
  });

  test('a long construct path still gets a description of at most 200 characters', () => {
    const stack = testStack();
    const deep = ['A'.repeat(90), 'B'.repeat(90), 'C'.repeat(90)].reduce<Construct>((scope, id) => new Construct(scope, id), stack);

    oidcTeam(deep);

    const description = Object.values(Template.fromStack(stack).findResources('AWS::SageMaker::Workteam'))[0]
      .Properties.Description as string;
    expect(description.length).toBe(200);
    expect(description.startsWith('Private work team ')).toBe(true);
  });

  test('a default description of 200 characters is kept whole; one of 201 is cut to 199 and an ellipsis', () => {
    // 'Private work team Stack/' is 24 characters.
    const descriptionOf = (id: string) => {
      const stack = testStack();
      oidcTeam(stack, id);
      return Object.values(Template.fromStack(stack).findResources('AWS::SageMaker::Workteam'))[0].Properties.Description as string;
    };

    expect(descriptionOf('T'.repeat(176))).toBe(`Private work team Stack/${'T'.repeat(176)}`);
    expect(descriptionOf('T'.repeat(177))).toBe(`Private work team Stack/${'T'.repeat(175)}…`);
  });

  test('a default description has a space for each line break of the construct path', () => {
    const stack = testStack();

    oidcTeam(new Construct(stack, 'Image\nLabeling'), 'Team\r\nOne\u2028Two');

    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workteam', { Description: 'Private work team Stack/Image Labeling/Team  One Two' });
  });

  test('a long description keeps the characters before the cut whole, surrogate pairs included', () => {
    const stack = testStack();
    const deep = ['\u{1F600}'.repeat(10), 'B'.repeat(90), 'C'.repeat(90)].reduce<Construct>((scope, id) => new Construct(scope, id), stack);

    oidcTeam(deep);

    const description = Object.values(Template.fromStack(stack).findResources('AWS::SageMaker::Workteam'))[0]
      .Properties.Description as string;
    expect(description.startsWith(`Private work team Stack/${'\u{1F600}'.repeat(10)}/B`)).toBe(true);
    expect(description.endsWith('C…')).toBe(true);
  });
});

describe('generated names', () => {
  test('are stable: they only change when the construct path changes', () => {
    const first = oidcTeam(testStack(ENV, testApp(), 'Labeling'), 'Team');
    const second = oidcTeam(testStack(ENV, testApp(), 'Labeling'), 'Team');

    const nameOf = (team: Workteam) => Stack.of(team).resolve((team.node.defaultChild as any).workteamName);
    expect(nameOf(first)).toBe('Labeling-Team-A6096A77');
    expect(nameOf(second)).toBe(nameOf(first));
  });

  test('always satisfy SageMaker WorkteamName, whatever the construct ids', () => {
    // Ids named like Object.prototype members trip the constructs library itself.
    const constructId = fc.string({ minLength: 1, maxLength: 80 }).filter((id) => !id.includes('/') && !(id in {}));
    fc.assert(
      fc.property(fc.array(constructId, { minLength: 1, maxLength: 4 }), (ids) => {
        const stack = new Stack(testApp(), 'Stack');
        const scope = ids.slice(0, -1).reduce<Construct>((parent, id) => new Construct(parent, id), stack);
        const team = oidcTeam(scope, ids[ids.length - 1]);
        const name = Stack.of(team).resolve((team.node.defaultChild as any).workteamName);
        expect(name).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
        expect(name.length).toBeLessThanOrEqual(63);
      }),
      { numRuns: 200 },
    );
  });
});

describe('attributes', () => {
  test('workteamArn and workteamName come from the resource attributes', () => {
    const stack = testStack();
    const team = oidcTeam(stack);

    new CfnOutput(stack, 'Arn', { value: team.workteamArn });
    new CfnOutput(stack, 'Name', { value: team.workteamName });

    const template = Template.fromStack(stack);
    template.hasOutput('Arn', { Value: { 'Fn::GetAtt': ['Team8E98563C', 'WorkteamArn'] } });
    template.hasOutput('Name', { Value: { 'Fn::GetAtt': ['Team8E98563C', 'WorkteamName'] } });
  });

  test('workteamRef holds the fields of both shapes of aws-cdk-lib\'s WorkteamReference', () => {
    const stack = testStack();
    const team = oidcTeam(stack);
    // 2.271.0 reads { workteamId, workteamName } (workteamId is the team's Ref, its ARN); 2.273.0 and later { workteamArn }.
    const fields: Record<string, string> = { ...team.workteamRef };

    expect(fields).toEqual({ workteamArn: team.workteamArn, workteamId: team.workteamArn, workteamName: team.workteamName });
    expect(stack.resolve(fields.workteamArn)).toEqual({ 'Fn::GetAtt': ['Team8E98563C', 'WorkteamArn'] });
    expect(stack.resolve(fields.workteamName)).toEqual({ 'Fn::GetAtt': ['Team8E98563C', 'WorkteamName'] });
  });

  test('workteamRef has every field the installed aws-cdk-lib\'s own work team reference has', () => {
    const stack = testStack();
    const team = oidcTeam(stack);
    const l1 = new CfnWorkteam(stack, 'L1', { description: 'l1', workteamName: 'l1', memberDefinitions: [{ oidcMemberDefinition: { oidcGroups: ['l1'] } }] });

    expect(Object.keys(team.workteamRef)).toEqual(expect.arrayContaining(Object.keys(l1.workteamRef)));
  });

  test('another account references the team by its private-crowd ARN, built from the physical name', () => {
    const app = testApp();
    const teamStack = testStack(ENV, app, 'Teams');
    const team = oidcTeam(teamStack, 'Team', { workteamName: 'image-labelers' });
    const consumer = testStack({ account: '210987654321', region: 'us-east-1' }, app, 'Consumer');
    new sns.Topic(consumer, 'Topic');

    new CfnOutput(consumer, 'Arn', { value: team.workteamArn });

    Template.fromStack(consumer).hasOutput('Arn', {
      Value: {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:workteam/private-crowd/image-labelers']],
      },
    });
  });
});

test('another account references a team with a generated name by that name', () => {
  const app = testApp();
  const team = oidcTeam(testStack(ENV, app, 'Teams'), 'Team');
  const consumer = testStack({ account: '210987654321', region: 'us-east-1' }, app, 'Consumer');
  new sns.Topic(consumer, 'Topic');

  new CfnOutput(consumer, 'Arn', { value: team.workteamArn });
  new CfnOutput(consumer, 'Name', { value: team.workteamName });

  const template = Template.fromStack(consumer);
  template.hasOutput('Arn', {
    Value: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:workteam/private-crowd/Teams-Team-9488ADE7']] },
  });
  template.hasOutput('Name', { Value: 'Teams-Team-9488ADE7' });
});

test('a team whose name is a token is named in another stack through an export of its name attribute', () => {
  const app = testApp();
  const teamStack = testStack(ENV, app, 'Teams');
  const team = oidcTeam(teamStack, 'Team', { workteamName: new CfnParameter(teamStack, 'Name').valueAsString });
  const consumer = testStack(ENV, app, 'Consumer');
  new sns.Topic(consumer, 'Topic');

  new CfnOutput(consumer, 'Name', { value: team.workteamName });

  Template.fromStack(consumer).hasOutput('Name', { Value: { 'Fn::ImportValue': Match.stringLikeRegexp('^Teams:ExportsOutputFnGetAttTeam8E98563CWorkteamName') } });
});

describe('warnings about the workforce of a team given none', () => {
  test('an OIDC team with no workforce in the app is warned, with its id, naming where the workforce must be', () => {
    const stack = new Stack(testApp(), 'Stack');

    oidcTeam(stack);

    const warnings = AssertAnnotations.fromStack(stack).findWarning('/Stack/Team', Match.anyValue());
    expect(warnings.map((warning) => warning.entry.data)).toEqual([
      'the OIDC work team needs an OIDC workforce in aws://unknown-account/unknown-region, and the team is given none: create it ' +
        '(Workforce with WorkforceIdentity.oidc) before this team deploys, and give it as workforce [ack: cdk-sagemaker-workteam:oidcWithoutWorkforce]',
    ]);
  });

  test('an OIDC team with a Cognito team of its own user pool in its account and region is warned that the two cannot share them, and not advised to create a workforce', () => {
    const stack = new Stack(testApp(), 'Stack');
    const userPool = new cognito.UserPool(stack, 'Pool');
    const group = new cognito.UserPoolGroup(stack, 'Group', { userPool });
    Workteam.fromCognitoGroup(stack, 'CognitoTeam', { userPool, userPoolClient: userPool.addClient('Client'), group });

    oidcTeam(stack);

    const warnings = AssertAnnotations.fromStack(stack).findWarning('/Stack/Team', Match.anyValue());
    expect(warnings.map((warning) => warning.entry.data)).toEqual([
      "the OIDC work team needs an OIDC workforce in aws://unknown-account/unknown-region, and the Cognito work team 'Stack/CognitoTeam' " +
        'in that account and region makes SageMaker create a Cognito workforce there: an account and region have one workforce, which ' +
        'signs in one way; put the OIDC and the Cognito teams in different accounts or regions [ack: cdk-sagemaker-workteam:oidcWithoutWorkforce]',
    ]);
  });

  test('an OIDC team given no workforce, with a workforce imported in its account and region, is not warned', () => {
    const stack = testStack();
    Workforce.fromWorkforceName(stack, 'Default', 'default');

    oidcTeam(stack);

    expect(AssertAnnotations.fromStack(stack).findWarning('/Stack/Team', Match.anyValue())).toEqual([]);
  });

  test('a team with the workforce of another stack that may share its account and region is warned, with its id', () => {
    const app = testApp();
    new Workforce(new Stack(app, 'Platform'), 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    const stack = new Stack(app, 'Teams');

    oidcTeam(stack);

    const warnings = AssertAnnotations.fromStack(stack).findWarning('/Teams/Team', Match.anyValue());
    expect(warnings.map((warning) => warning.entry.data)).toEqual([
      "the team is given no workforce, and the workforce 'Platform/Workforce' of another stack may be in its account and region: SageMaker " +
        'would put the team in it without CloudFormation waiting for it; give it as workforce, so that this stack deploys after it ' +
        '[ack: cdk-sagemaker-workteam:workforceInOtherStack]',
    ]);
  });
});

test('a Cognito team of its own user pool that joins the Cognito workforce of its stack fails once, naming the workforce', () => {
  const stack = testStack();
  const workforcePool = new cognito.UserPool(stack, 'WorkforcePool');
  workforcePool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'labeling-workers' } });
  new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(workforcePool, workforcePool.addClient('Client')) });

  Workteam.fromCognitoGroup(stack, 'Team', cognitoFixture(stack));

  let error: Error | undefined;
  try {
    App.of(stack)!.synth();
  } catch (e) {
    error = e as Error;
  }
  expect(error?.message).toMatch(/\[Stack\/Team\] the Cognito user pool and app client are not those of 'Stack\/Workforce' in aws:\/\/123456789012\/us-east-1/);
  expect(error?.message).not.toMatch(/members: the (user pool|app client) '.*' is not the (user pool|app client) of the workforce/);
});

describe('importers', () => {
  test('fromWorkteamArn reads the name, account and region from the ARN', () => {
    const stack = testStack();

    const team = Workteam.fromWorkteamArn(stack, 'Team', 'arn:aws:sagemaker:eu-west-1:210987654321:workteam/private-crowd/reviewers');

    expect(team.workteamName).toBe('reviewers');
    expect(team.workteamArn).toBe('arn:aws:sagemaker:eu-west-1:210987654321:workteam/private-crowd/reviewers');
    expect({ ...team.workteamRef }).toEqual({ workteamArn: team.workteamArn, workteamId: team.workteamArn, workteamName: 'reviewers' });
    expect(team.env).toEqual({ account: '210987654321', region: 'eu-west-1' });
  });

  test('fromWorkteamArn with a token ARN selects the name at deployment', () => {
    const stack = testStack();
    const arn = new CfnParameter(stack, 'TeamArn').valueAsString;

    const team = Workteam.fromWorkteamArn(stack, 'Team', arn);

    expect(stack.resolve(team.workteamName)).toEqual({
      'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'TeamArn' }] }],
    });
  });

  test('fromWorkteamName builds the private-crowd ARN of the stack account and region', () => {
    const stack = testStack();

    const team = Workteam.fromWorkteamName(stack, 'Team', 'reviewers');

    expect(team.workteamName).toBe('reviewers');
    expect(stack.resolve(team.workteamArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers']],
    });
  });

  test('fromWorkteamAttributes keeps both when they agree', () => {
    const stack = testStack();
    const arn = 'arn:aws:sagemaker:us-east-1:123456789012:workteam/vendor-crowd/acme';

    const team = Workteam.fromWorkteamAttributes(stack, 'Team', { workteamArn: arn, workteamName: 'acme' });

    expect(team.workteamArn).toBe(arn);
    expect(team.workteamName).toBe('acme');
  });

  test('fails without an ARN or a name', () => {
    expect(() => Workteam.fromWorkteamAttributes(testStack(), 'Team', {})).toThrow(
      /Invalid .* at 'Stack\/Team':\n {2}- workteamArn, workteamName: give at least one of them/,
    );
  });

  test('fails when the name is not the one in the ARN', () => {
    expect(() =>
      Workteam.fromWorkteamAttributes(testStack(), 'Team', {
        workteamArn: 'arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/acme',
        workteamName: 'other',
      }),
    ).toThrow(/workteamName: "other" is not the name in workteamArn/);
  });

  test.each([
    'arn:aws:sagemaker:us-east-1:123456789012:labeling-job/acme',
    'arn:aws:sns:us-east-1:123456789012:workteam/private-crowd/acme',
    'arn:aws:sagemaker:us-east-1:123456789012:workteam/acme',
    'arn:aws:sagemaker:us-east-1:123456789012:labeling-job/private-crowd/acme',
    'arn:aws:sagemaker:us-east-1:1234567890123:workteam/private-crowd/acme',
    'arn:aws:sagemaker:us-east-1:a23456789012:workteam/private-crowd/acme',
    'arn:aws:sagemaker:US-east-1:123456789012:workteam/private-crowd/acme',
    'arn:aws:sagemaker:us-east-1_:123456789012:workteam/private-crowd/acme',
    'arn:Aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/acme',
    'arn:aws1:sagemaker:us-east-1:123456789012:workteam/private-crowd/acme',
    'acme',
  ])('fails for %s, which is not a work team ARN', (arn) => {
    expect(() => Workteam.fromWorkteamArn(testStack(), 'Team', arn)).toThrow(/^Invalid Workteam at 'Stack\/Team':\n {2}- workteamArn: .* is not the ARN of a work team/);
  });

  test('fails for an ARN whose name SageMaker would not accept', () => {
    expect(() =>
      Workteam.fromWorkteamArn(testStack(), 'Team', 'arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/bad_name'),
    ).toThrow(/workteamArn \(name\): "bad_name" is not allowed/);
  });

  test('fails for a name SageMaker would not accept', () => {
    expect(() => Workteam.fromWorkteamName(testStack(), 'Team', '-bad')).toThrow(/workteamName: "-bad" is not allowed/);
  });
});

describe('validation at synth', () => {
  test('an error names the construct path, the property, the value and the rule', () => {
    expect(() => oidcTeam(testStack(), 'Team', { workteamName: 'bad_name' })).toThrow(
      "Invalid Workteam at 'Stack/Team':\n  - workteamName: \"bad_name\" is not allowed; it must be ASCII letters, digits and hyphens, " +
        'starting and ending with a letter or digit (pattern ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$)',
    );
  });

  test('one error lists every broken rule', () => {
    expect(() => oidcTeam(testStack(), 'Team', { workteamName: 'bad_name', description: '', groups: [] })).toThrow(
      /workteamName: .*\n {2}- description: "" has 0 characters; it must have 1 to 200\n {2}- members \(OIDC groups\): has 0 items/,
    );
  });

  test.each([
    ['with an underscore', 'bad_name'],
    ['starting with a hyphen', '-labelers'],
    ['ending with a hyphen', 'labelers-'],
    ['with a dot', 'image.labelers'],
    ['with a non-ASCII letter', 'étiqueteurs'],
  ])('fails for a workteamName %s', (_, workteamName) => {
    expect(() => oidcTeam(testStack(), 'Team', { workteamName })).toThrow(/workteamName: .* is not allowed/);
  });

  test('fails for an empty workteamName', () => {
    expect(() => oidcTeam(testStack(), 'Team', { workteamName: '' })).toThrow(/workteamName: "" has 0 characters; it must have 1 to 63/);
  });

  test('fails for a workteamName of 64 characters, and takes one of 63', () => {
    expect(() => oidcTeam(testStack(), 'Team', { workteamName: 'a'.repeat(64) })).toThrow(/workteamName: .* has 64 characters/);
    expect(() => oidcTeam(testStack(), 'Team', { workteamName: 'a'.repeat(63) })).not.toThrow();
  });

  test('takes hyphens in a row inside a workteamName', () => {
    expect(() => oidcTeam(testStack(), 'Team', { workteamName: 'a--b' })).not.toThrow();
  });

  test('fails for an empty description', () => {
    expect(() => oidcTeam(testStack(), 'Team', { description: '' })).toThrow(/description: "" has 0 characters/);
  });

  test('fails for a description of 201 characters, and takes one of 200', () => {
    expect(() => oidcTeam(testStack(), 'Team', { description: 'x'.repeat(201) })).toThrow(/description: .* has 201 characters/);
    expect(() => oidcTeam(testStack(), 'Team', { description: 'x'.repeat(200) })).not.toThrow();
  });

  test.each(['two\nlines', 'carriage\rreturn', 'line\u2028separator', 'next\u0085line'])(
    'fails for a description with a line break (%j)',
    (description) => {
      expect(() => oidcTeam(testStack(), 'Team', { description })).toThrow(/description: .* is not allowed; it must be one line of text/);
    },
  );

  test('fails for a notification topic whose ARN is not an SNS topic ARN', () => {
    const stack = testStack();
    const topic = sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:us-east-1:123456789012:bad#topic');

    expect(() => oidcTeam(stack, 'Team', { notificationTopic: topic })).toThrow(/notificationTopic ARN: .* is not allowed/);
  });

  describe('tags', () => {
    function synthWithTags(tags: Record<string, string>, viaTagsOf = false) {
      const stack = testStack();
      oidcTeam(stack, 'Team', viaTagsOf ? {} : { tags });
      if (viaTagsOf) {
        Object.entries(tags).forEach(([key, value]) => Tags.of(stack).add(key, value));
      }
      return () => Template.fromStack(stack);
    }

    test('takes 50 tags with keys of 128 and values of 256 allowed characters', () => {
      const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`${i}`.padEnd(128, 'k'), 'v: _.:/=+-@ é'.padEnd(256, 'v')]));
      expect(synthWithTags(tags)).not.toThrow();
    });

    test('fails for 51 tags', () => {
      const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`key${i}`, 'value']));
      expect(synthWithTags(tags)).toThrow(/\[Stack\/Team\] tags: has 51 items; it must have 0 to 50/);
    });

    test('fails for a tag key of 129 characters', () => {
      expect(synthWithTags({ ['k'.repeat(129)]: 'v' })).toThrow(/tags key .* has 129 characters/);
    });

    test('fails for a tag value of 257 characters', () => {
      expect(synthWithTags({ key: 'v'.repeat(257) })).toThrow(/tags\["key"\]: .* has 257 characters/);
    });

    test.each(['#', '!', '*', '?', '<', '&'])('fails for a tag key or value with %s', (character) => {
      expect(synthWithTags({ [`key${character}`]: 'value' })).toThrow(/tags key .* is not allowed/);
      expect(synthWithTags({ key: `value${character}` })).toThrow(/tags\["key"\]: .* is not allowed/);
    });

    test.each(['aws:owner', 'AWS:owner'])('fails for the reserved tag key %s', (key) => {
      expect(synthWithTags({ [key]: 'me' })).toThrow(/tags key .*: keys starting with 'aws:' are reserved for AWS/);
    });

    test('fails for an invalid tag added through Tags.of', () => {
      expect(synthWithTags({ 'team#': 'labeling' }, true)).toThrow(/\[Stack\/Team\] tags key "team#": .* is not allowed/);
    });
  });

  // Limits per account and region: the matrix of test/private/regional-limits.test.ts.

  describe('tokens are not judged', () => {
    test('a name, a description and groups known only at deployment synthesize', () => {
      const stack = testStack();
      const name = new CfnParameter(stack, 'Name').valueAsString;
      const groups = new CfnParameter(stack, 'Groups', { type: 'CommaDelimitedList' }).valueAsList;

      Workteam.fromOidcGroups(stack, 'Team', {
        workteamName: name,
        description: Lazy.string({ produce: () => 'made late' }),
        groups,
        tags: { [Fn.ref('AWS::StackName')]: Fn.ref('AWS::Region') },
      });

      Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workteam', {
        WorkteamName: { Ref: 'Name' },
        Description: 'made late',
        MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: { Ref: 'Groups' } } }],
      });
    });
  });
});

describe('metrics', () => {
  test('are in the AWS/SageMaker/Workteam namespace, summed, with the dimensions the caller gives', () => {
    const team = oidcTeam(testStack());

    const metric = team.metric('TasksSubmitted', { dimensionsMap: { Workteam: 'labelers' } });

    expect(metric.namespace).toBe('AWS/SageMaker/Workteam');
    expect(metric.metricName).toBe('TasksSubmitted');
    expect(metric.statistic).toBe('Sum');
    expect(metric.dimensions).toEqual({ Workteam: 'labelers' });
  });

  test('invent no dimensions', () => {
    expect(oidcTeam(testStack()).metricActiveWorkers().dimensions).toBeUndefined();
  });

  test.each([
    ['metricActiveWorkers', 'ActiveWorkers'],
    ['metricTasksAccepted', 'TasksAccepted'],
    ['metricTasksDeclined', 'TasksDeclined'],
    ['metricTasksReturned', 'TasksReturned'],
    ['metricTasksSubmitted', 'TasksSubmitted'],
    ['metricTimeSpent', 'TimeSpent'],
  ] as const)('%s is the %s metric', (method, metricName) => {
    const metric = oidcTeam(testStack())[method]({ statistic: 'SampleCount' });

    expect(metric.metricName).toBe(metricName);
    expect(metric.statistic).toBe('SampleCount');
  });

  test('TimeSpent is in seconds', () => {
    expect(oidcTeam(testStack()).metricTimeSpent().unit).toBe('Seconds');
  });

  test('an imported team has metrics too, and they make alarms', () => {
    const stack = testStack();
    const team = Workteam.fromWorkteamName(stack, 'Team', 'labelers');

    team.metricTasksReturned({ dimensionsMap: { Workteam: 'labelers' } }).createAlarm(stack, 'Returned', { threshold: 10, evaluationPeriods: 1 });

    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SageMaker/Workteam',
      MetricName: 'TasksReturned',
      Statistic: 'Sum',
      Dimensions: [{ Name: 'Workteam', Value: 'labelers' }],
    });
  });
});

describe('metrics of all work teams (Workteam.metricAll*)', () => {
  test('are in the AWS/SageMaker/Workteam namespace, summed, with the dimensions the caller gives', () => {
    const metric = Workteam.metricAll('TasksSubmitted', { dimensionsMap: { Workteam: 'labelers' } });

    expect(metric.namespace).toBe('AWS/SageMaker/Workteam');
    expect(metric.metricName).toBe('TasksSubmitted');
    expect(metric.statistic).toBe('Sum');
    expect(metric.dimensions).toEqual({ Workteam: 'labelers' });
  });

  test('invent no dimensions, as AWS documents none that names a team', () => {
    expect(Workteam.metricAllActiveWorkers().dimensions).toBeUndefined();
    expect(Workteam.metricAll('TasksSubmitted').dimensions).toBeUndefined();
  });

  test.each([
    ['metricAllActiveWorkers', 'ActiveWorkers'],
    ['metricAllTasksAccepted', 'TasksAccepted'],
    ['metricAllTasksDeclined', 'TasksDeclined'],
    ['metricAllTasksReturned', 'TasksReturned'],
    ['metricAllTasksSubmitted', 'TasksSubmitted'],
    ['metricAllTimeSpent', 'TimeSpent'],
  ] as const)('%s is the %s metric, summed unless told otherwise', (method, metricName) => {
    expect(Workteam[method]().metricName).toBe(metricName);
    expect(Workteam[method]().statistic).toBe('Sum');
    expect(Workteam[method]({ statistic: 'SampleCount' }).statistic).toBe('SampleCount');
  });

  test('TimeSpent is in seconds, and the caller may say otherwise', () => {
    expect(Workteam.metricAllTimeSpent().unit).toBe('Seconds');
    expect(Workteam.metricAllTimeSpent({ unit: cloudwatch.Unit.MILLISECONDS }).unit).toBe('Milliseconds');
  });

  test('the deprecated instance metrics are the same metrics, attached to the team', () => {
    const stack = testStack();
    const team = Workteam.fromWorkteamName(stack, 'Team', 'labelers');
    const dimensionsMap = { Workteam: 'labelers' };

    expect(team.metricTasksSubmitted({ dimensionsMap }).toMetricConfig()).toEqual(
      Workteam.metricAllTasksSubmitted({ dimensionsMap }).attachTo(team).toMetricConfig(),
    );
    expect(team.metricTimeSpent().unit).toBe(Workteam.metricAllTimeSpent().unit);
  });

  test('make alarms in any stack', () => {
    const stack = testStack();

    Workteam.metricAllTasksReturned({ dimensionsMap: { Workteam: 'labelers' } }).createAlarm(stack, 'Returned', { threshold: 10, evaluationPeriods: 1 });

    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SageMaker/Workteam',
      MetricName: 'TasksReturned',
      Statistic: 'Sum',
      Dimensions: [{ Name: 'Workteam', Value: 'labelers' }],
    });
  });
});

describe('the order of deployment with a workforce', () => {
  test('a team given the workforce of its own stack refers to it, with no explicit dependency', () => {
    const stack = testStack();
    const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    oidcTeam(stack, 'Team', { workforce });

    const [team] = Object.values(Template.fromStack(stack).findResources('AWS::SageMaker::Workteam'));
    expect(team.Properties.WorkforceName).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::GetAtt': [expect.stringMatching(/^Workforce/), 'WorkforceArn'] }] }] });
    expect(team.DependsOn).toBeUndefined();
  });

  test('a team given a workforce imported in another stack makes no dependency between the stacks', () => {
    const app = testApp();
    const platform = new Stack(app, 'Platform', { env: ENV });
    new sns.Topic(platform, 'Own');
    const teams = new Stack(app, 'Teams', { env: ENV });
    oidcTeam(teams, 'Team', { workforce: Workforce.fromWorkforceName(platform, 'Workforce', 'workers') });

    expect(teams.dependencies).toEqual([]);
    Template.fromStack(teams).hasResourceProperties('AWS::SageMaker::Workteam', { WorkforceName: 'workers' });
  });
});

