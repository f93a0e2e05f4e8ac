import { Annotations, App, CfnOutput, CfnParameter, Environment, NestedStack, Stack } from 'aws-cdk-lib';
import { Annotations as AssertedAnnotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { IdentityProviderType, Workforce, WorkforceIdentity, Workteam } from '../../src';
import { environmentOf, MAY_SHARE_ENVIRONMENT_WARNING } from '../../src/private/regional-limits';
import { OIDC_PROPS, testApp } from '../util';

/**
 * The matrix of apps: where two resources that SageMaker allows once per account and region are defined, and
 * what synth must do. One stack deploys to one account and region whatever its env; stacks whose account and
 * region are both concrete and equal certainly share them; a token may share them with anything.
 */

const AGNOSTIC: Environment | undefined = undefined;
const E1: Environment = { account: '111111111111', region: 'us-east-1' };
const E1_OTHER_REGION: Environment = { account: '111111111111', region: 'eu-west-1' };
const E2: Environment = { account: '222222222222', region: 'us-east-1' };
const E1_ACCOUNT_ONLY: Environment = { account: '111111111111' };
const US_EAST_1_ONLY: Environment = { region: 'us-east-1' };

type Outcome = 'fails' | 'warns' | 'passes';

/** Two places for resources: the scopes they are defined in, and the outcome expected of a collision. */
interface Placement {
  readonly name: string;
  readonly outcome: Outcome;
  /** The stacks a warning may be on: those whose account or region is a token. */
  readonly warned?: string[];
  scopes(app: App): [Construct, Construct];
}

function twoStacks(name: string, a: Environment | undefined, b: Environment | undefined, outcome: Outcome): Placement {
  const concrete = (env?: Environment) => env?.account !== undefined && env.region !== undefined;
  const warned = [...(concrete(a) ? [] : ['A']), ...(concrete(b) ? [] : ['B'])];
  return { name, outcome, warned, scopes: (app) => [new Stack(app, 'A', { env: a }), new Stack(app, 'B', { env: b })] };
}

/** An app whose templates must also pass the CloudFormation registry schemas (test/util.ts). */
function matrixApp(): App {
  return testApp();
}

/** A stack that uses what another defines: with a resource of its own, as every template needs one. */
function userStack(app: App, id: string, env?: Environment): Stack {
  const stack = new Stack(app, id, { env });
  new sns.Topic(stack, 'Own');
  return stack;
}

const PLACEMENTS: Placement[] = [
  {
    name: 'one environment-agnostic stack',
    outcome: 'fails',
    scopes: (app) => {
      const stack = new Stack(app, 'A');
      return [new Construct(stack, 'One'), new Construct(stack, 'Two')];
    },
  },
  {
    name: 'an environment-agnostic stack and its nested stack',
    outcome: 'fails',
    scopes: (app) => {
      const stack = new Stack(app, 'A');
      return [stack, new NestedStack(stack, 'B')];
    },
  },
  twoStacks('two stacks of one concrete account and region', E1, E1, 'fails'),
  twoStacks('two stacks of one account in two regions', E1, E1_OTHER_REGION, 'passes'),
  twoStacks('two stacks of two accounts in one region', E1, E2, 'passes'),
  twoStacks('two environment-agnostic stacks', AGNOSTIC, AGNOSTIC, 'warns'),
  twoStacks('an environment-agnostic and a concrete stack', AGNOSTIC, E1, 'warns'),
  twoStacks('a concrete and an environment-agnostic stack', E1, AGNOSTIC, 'warns'),
  twoStacks('a stack of a token region and a concrete stack of its account', E1_ACCOUNT_ONLY, E1, 'warns'),
  twoStacks('a stack of a token region and a concrete stack of another account', E1_ACCOUNT_ONLY, E2, 'passes'),
  twoStacks('a stack of a token account and a concrete stack of its region', US_EAST_1_ONLY, E2, 'warns'),
  twoStacks('a stack of a token account and a concrete stack of another region', US_EAST_1_ONLY, E1_OTHER_REGION, 'passes'),
  twoStacks('a concrete stack and a stack of its account with a token region', E1, E1_ACCOUNT_ONLY, 'warns'),
  twoStacks('a concrete stack and a stack of another account with a token region', E2, E1_ACCOUNT_ONLY, 'passes'),
  twoStacks('a concrete stack and a stack of its region with a token account', E2, US_EAST_1_ONLY, 'warns'),
  twoStacks('a concrete stack and a stack of another region with a token account', E1_OTHER_REGION, US_EAST_1_ONLY, 'passes'),
  twoStacks('an environment-agnostic stack and a stack of a token region', AGNOSTIC, E1_ACCOUNT_ONLY, 'warns'),
  twoStacks('an environment-agnostic stack and a stack of a token account', AGNOSTIC, US_EAST_1_ONLY, 'warns'),
  twoStacks('a stack of a token region and a stack of a token account', E1_ACCOUNT_ONLY, US_EAST_1_ONLY, 'warns'),
  twoStacks('a stack of a token account and a stack of a token region', US_EAST_1_ONLY, E1_ACCOUNT_ONLY, 'warns'),
];

/** What is defined in each of the two places, and what the error or warning says. */
interface Collision {
  readonly name: string;
  /** The error, naming both resources (the second's path comes from the validation itself). */
  readonly error: RegExp;
  /** The warning's text, naming the resource of the other stack. */
  readonly warning: RegExp;
  define(first: Construct, second: Construct): void;
}

function oidcTeams(scope: Construct, count: number): void {
  for (let i = 0; i < count; i++) {
    Workteam.fromOidcGroups(scope, `Team${i}`, { groups: ['labelers'], workteamName: `${scope.node.path.replace(/\//g, '-')}-team-${i}` });
  }
}

function cognitoTeam(scope: Construct): void {
  const userPool = new cognito.UserPool(scope, 'Pool');
  const group = new cognito.UserPoolGroup(scope, 'Group', { userPool });
  Workteam.fromCognitoGroup(scope, 'Team', { userPool, userPoolClient: userPool.addClient('Client'), group });
}

const COLLISIONS: Collision[] = [
  {
    name: 'a workforce each',
    define: (first, second) => {
      new Workforce(first, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
      new Workforce(second, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    },
    error: /\/Workforce\] the workforce 'A\/(One\/)?Workforce' is already the private workforce of (aws:\/\/111111111111\/us-east-1|the stack 'A'); SageMaker allows one workforce per account and region/,
    warning: /the workforce '[AB]\/Workforce' is in a stack that may deploy to the same account and region \(this stack's account or region is a token\).*give the stacks an explicit env/,
  },
  {
    name: 'a work team of one name each',
    define: (first, second) => {
      Workteam.fromOidcGroups(first, 'Team', { groups: ['labelers'], workteamName: 'labelers' });
      Workteam.fromOidcGroups(second, 'Team', { groups: ['labelers'], workteamName: 'labelers' });
    },
    error: /\/Team\] workteamName: "labelers" is already the name of the work team 'A\/(One\/)?Team' in (aws:\/\/111111111111\/us-east-1|the stack 'A'); work team names must be unique per account and region \(ResourceInUse\)/,
    warning: /workteamName: "labelers" is also the name of the work team '[AB]\/Team', whose stack may deploy to the same account and region.*give the stacks an explicit env/,
  },
  {
    name: '13 work teams each',
    define: (first, second) => {
      oidcTeams(first, 13);
      oidcTeams(second, 13);
    },
    error: /\/Team12\] this is work team number 26 in (aws:\/\/111111111111\/us-east-1|the stack 'A'), whose first is 'A\/(One\/)?Team0'; SageMaker allows at most 25 work teams per account and region \(ResourceLimitExceeded\)/,
    warning: /the stack's account or region is a token: with the stacks that may deploy to the same account and region \(such as the stack of '[AB]\/Team\d+'\), they would have 26 work teams, and SageMaker allows at most 25 per account and region; give the stacks an explicit env/,
  },
  {
    name: 'a Cognito work team of its own user pool each, and no workforce',
    define: (first, second) => {
      cognitoTeam(first);
      cognitoTeam(second);
    },
    error: /\/Team\] the Cognito user pool and app client are not those of 'A\/(One\/)?Team' in (aws:\/\/111111111111\/us-east-1|the stack 'A'); an account and region have one private workforce/,
    warning: /the Cognito user pool and app client are not those of '[AB]\/Team', whose stack may deploy to the same account and region.*give the stacks an explicit env/,
  },
];

/** The warnings of every stack of the synthesized app that carry the registry's id. */
function mayShareWarnings(app: App): string[] {
  return app
    .synth()
    .stacks.flatMap((stack) => stack.messages)
    .filter((message) => message.level === 'warning' && String(message.entry.data).includes(MAY_SHARE_ENVIRONMENT_WARNING))
    .map((message) => `[${message.id}] ${message.entry.data}`);
}

describe('per account and region', () => {
  describe.each(PLACEMENTS)('$name', (placement) => {
    test.each(COLLISIONS)(`${placement.outcome} with $name`, (collision) => {
      const app = matrixApp();
      const [first, second] = placement.scopes(app);
      collision.define(first, second);

      if (placement.outcome === 'fails') {
        expect(() => app.synth()).toThrow(collision.error);
        return;
      }
      const warnings = mayShareWarnings(app);
      if (placement.outcome === 'passes') {
        expect(warnings).toEqual([]);
        return;
      }
      expect(warnings.length).toBeGreaterThanOrEqual(1);
      for (const warning of warnings) {
        expect(warning).toMatch(collision.warning);
        // Only stacks whose environment is a token are warned.
        expect(warning).toMatch(new RegExp(`^\\[/(${placement.warned!.join('|')})[/\\]]`));
      }
    });
  });

  test('25 work teams in one account and region across stacks synthesize, with no warning', () => {
    const app = matrixApp();
    oidcTeams(new Stack(app, 'A', { env: E1 }), 20);
    oidcTeams(new Stack(app, 'B', { env: E1 }), 5);

    expect(mayShareWarnings(app)).toEqual([]);
  });

  test('13 work teams in each of three environment-agnostic stacks warn each stack beyond the limit once', () => {
    const app = matrixApp();
    for (const id of ['A', 'B', 'C']) {
      oidcTeams(new Stack(app, id), 13);
    }

    const warnings = mayShareWarnings(app);
    expect(warnings.map((warning) => warning.slice(0, 4))).toEqual(['[/B]', '[/C]']);
    expect(warnings[1]).toMatch(/they would have 27 work teams/);
  });

  test('work teams of two concrete stacks of one environment beyond the limit with an environment-agnostic one warn the agnostic stack only', () => {
    const app = matrixApp();
    oidcTeams(new Stack(app, 'A', { env: E1 }), 10);
    oidcTeams(new Stack(app, 'C'), 10);
    oidcTeams(new Stack(app, 'B', { env: E1 }), 10);

    const warnings = mayShareWarnings(app);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[\/C\] .*such as the stack of 'B\/Team5'\), they would have 26 work teams/);
  });

  test('the warning names the first team of another stack, however the teams of the stacks are defined in turn', () => {
    const app = matrixApp();
    const [a, b, c] = [new Stack(app, 'A'), new Stack(app, 'B'), new Stack(app, 'C')];
    oidcTeams(new Construct(b, 'First'), 2);
    oidcTeams(a, 12);
    oidcTeams(c, 1);
    oidcTeams(b, 11);

    const warnings = mayShareWarnings(app);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[\/B\] .*such as the stack of 'A\/Team0'\), they would have 26 work teams/);
  });

  test('possible collisions of two rules, and of two names of one rule, each warn the stack', () => {
    const app = matrixApp();
    for (const id of ['A', 'B']) {
      const stack = new Stack(app, id);
      new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
      for (const name of ['images', 'texts']) {
        Workteam.fromOidcGroups(stack, name, { groups: ['g'], workteamName: name });
      }
    }

    const warnings = mayShareWarnings(app);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^\[\/B\/Workforce\] the workforce 'A\/Workforce' is in a stack that may deploy/);
    expect(warnings[1]).toMatch(/^\[\/B\/images\] workteamName: "images" is also the name of the work team 'A\/images'/);
    expect(warnings[2]).toMatch(/^\[\/B\/texts\] workteamName: "texts" is also the name of the work team 'A\/texts'/);
  });

  test('13 work teams in each of two environment-agnostic stacks warn once, on the stack', () => {
    const app = matrixApp();
    oidcTeams(new Stack(app, 'A'), 13);
    oidcTeams(new Stack(app, 'B'), 13);

    const warnings = mayShareWarnings(app);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[\/B\] /);
  });

  test('work teams defined in turn in two environment-agnostic stacks warn once, naming a team of the other stack', () => {
    const app = matrixApp();
    const [a, b] = [new Stack(app, 'A'), new Stack(app, 'B')];
    oidcTeams(new Construct(b, 'First'), 1);
    oidcTeams(a, 13);
    oidcTeams(b, 13);

    const warnings = mayShareWarnings(app);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[\/B\] .*such as the stack of 'A\/Team\d+'\), they would have 26 work teams/);
  });

  test('work teams of a concrete stack beyond those of an environment-agnostic one warn the agnostic stack, naming the concrete team', () => {
    const app = matrixApp();
    oidcTeams(new Stack(app, 'A'), 13);
    oidcTeams(new Stack(app, 'B', { env: E1 }), 13);

    const warnings = mayShareWarnings(app);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[\/A\] .*such as the stack of 'B\/Team12'\), they would have 26 work teams/);
  });

  test('Cognito work teams of two environment-agnostic stacks with their own user pools warn once per stack', () => {
    const app = matrixApp();
    for (const id of ['A', 'B']) {
      const stack = new Stack(app, id);
      const userPool = new cognito.UserPool(stack, 'Pool');
      const userPoolClient = userPool.addClient('Client');
      for (const team of ['One', 'Two', 'Three']) {
        const group = new cognito.UserPoolGroup(stack, `${team}Group`, { userPool });
        Workteam.fromCognitoGroup(stack, team, { userPool, userPoolClient, group });
      }
    }

    const warnings = mayShareWarnings(app);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[\/B\/One\] the Cognito user pool and app client are not those of 'A\/One'/);
  });

  test('the warning is silenced by Annotations.acknowledgeWarning', () => {
    const app = matrixApp();
    const a = new Stack(app, 'A');
    const b = new Stack(app, 'B');
    new Workforce(a, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    new Workforce(b, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });

    Annotations.of(b).acknowledgeWarning(MAY_SHARE_ENVIRONMENT_WARNING, 'A and B deploy to different accounts');

    expect(mayShareWarnings(app)).toEqual([]);
  });

  test('the user pool and app client of a workforce and of a team of another concrete stack must be the same', () => {
    const app = matrixApp();
    const a = new Stack(app, 'A', { env: E1 });
    const pool = new cognito.UserPool(a, 'Pool');
    new Workforce(a, 'Workforce', { identity: WorkforceIdentity.cognito(pool, pool.addClient('Client')) });
    cognitoTeam(new Stack(app, 'B', { env: E1 }));

    expect(() => app.synth()).toThrow(/\[B\/Team\] the Cognito user pool and app client are not those of 'A\/Workforce' in aws:\/\/111111111111\/us-east-1/);
  });

  test('Cognito work teams of one user pool and app client in two concrete stacks synthesize', () => {
    const app = matrixApp();
    const a = new Stack(app, 'A', { env: E1 });
    const b = new Stack(app, 'B', { env: E1 });
    const pool = cognito.UserPool.fromUserPoolId(a, 'Pool', 'us-east-1_abcdefghi');
    const client = cognito.UserPoolClient.fromUserPoolClientId(a, 'Client', 'client1234');
    for (const stack of [a, b]) {
      const group = cognito.UserPoolGroup.fromGroupName(stack, 'Group', 'labelers');
      Workteam.fromCognitoGroup(stack, 'Team', { userPool: pool, userPoolClient: client, group });
    }

    expect(mayShareWarnings(app)).toEqual([]);
  });

  test('a token name is not claimed', () => {
    const app = matrixApp();
    const stack = new Stack(app, 'A', { env: E1 });
    const name = new CfnParameter(stack, 'Name').valueAsString;
    Workteam.fromOidcGroups(stack, 'One', { groups: ['g'], workteamName: name });
    Workteam.fromOidcGroups(stack, 'Two', { groups: ['g'], workteamName: name });

    expect(() => app.synth()).not.toThrow();
  });
});

describe('the environment of a construct in messages', () => {
  test.each([
    ['an environment-agnostic stack', AGNOSTIC, 'aws://unknown-account/unknown-region'],
    ['a stack of a token region', E1_ACCOUNT_ONLY, 'aws://111111111111/unknown-region'],
    ['a stack of a token account', US_EAST_1_ONLY, 'aws://unknown-account/us-east-1'],
    ['a concrete stack', E1, 'aws://111111111111/us-east-1'],
  ])('of %s is %s', (_name, env, expected) => {
    const stack = new Stack(matrixApp(), 'A', { env });

    expect(environmentOf(new Construct(stack, 'Scope'))).toBe(expected);
  });
});

describe('workforces of work teams', () => {
  test('a second workforce of a stack, which fails, is not the one its teams given no workforce join', () => {
    const app = matrixApp();
    const stack = new Stack(app, 'A');
    const before = Workteam.fromOidcGroups(stack, 'Before', { groups: ['g'] });
    const first = new Workforce(stack, 'First', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    new Workforce(stack, 'Second', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    const after = Workteam.fromOidcGroups(stack, 'After', { groups: ['g'] });

    const firstName = stack.resolve(first.workforceName);
    expect(JSON.stringify(firstName)).toMatch(/"First[0-9A-F]{8}"/);
    for (const team of [before, after]) {
      expect(stack.resolve((team.node.defaultChild as CfnWorkteam).workforceName)).toEqual(firstName);
    }
    expect(() => app.synth()).toThrow(/\[A\/Second\] the workforce 'A\/First' is already the private workforce of the stack 'A'/);
  });

  test('a team given no workforce joins the one of its own stack, defined before or after it', () => {
    const app = matrixApp();
    const stack = new Stack(app, 'A');
    Workteam.fromOidcGroups(stack, 'Before', { groups: ['g'] });
    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    Workteam.fromOidcGroups(stack, 'After', { groups: ['g'] });

    const teams = Template.fromStack(stack).findResources('AWS::SageMaker::Workteam');
    for (const team of Object.values(teams)) {
      expect(team.Properties.WorkforceName).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['Workforce574A26FE', 'WorkforceArn'] }] }] });
    }
  });

  test.each([
    ['environment-agnostic', AGNOSTIC, 'may be'],
    ['concrete', E1, 'is'],
  ])('a team given no workforce, in %s stacks, does not refer to the workforce of another stack, and warns that it %s in its account and region', (_name, env, certainty) => {
    const app = matrixApp();
    new Workforce(new Stack(app, 'Platform', { env }), 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    const teams = new Stack(app, 'Teams', { env });
    Workteam.fromOidcGroups(teams, 'Team', { groups: ['g'] });

    const template = Template.fromStack(teams);
    template.hasResourceProperties('AWS::SageMaker::Workteam', { WorkforceName: Match.absent() });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/Fn::ImportValue/);
    AssertedAnnotations.fromStack(teams).hasWarning(
      '/Teams/Team',
      Match.stringLikeRegexp(String.raw`the team is given no workforce, and the workforce 'Platform\/Workforce' of another stack ${certainty} in its account and region: .*give it as workforce`),
    );
  });

  test('a team given no workforce, in another region than the app\'s workforce, does not warn', () => {
    const app = matrixApp();
    new Workforce(new Stack(app, 'Platform', { env: E1 }), 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    const teams = new Stack(app, 'Teams', { env: E1_OTHER_REGION });
    const team = Workteam.fromOidcGroups(teams, 'Team', { groups: ['g'] });

    const warnings = AssertedAnnotations.fromStack(teams).findWarning('*', Match.stringLikeRegexp(String.raw`workforceInOtherStack`));
    expect(warnings).toEqual([]);
    expect(team.workforce).toBeUndefined();
  });

  test('a team given the workforce of another stack names it, with no export, and its stack deploys after the workforce\'s', () => {
    const app = matrixApp();
    const platform = new Stack(app, 'Platform', { env: E1 });
    const workforce = new Workforce(platform, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS), workforceName: 'labeling' });
    const teams = new Stack(app, 'Teams', { env: E1 });
    Workteam.fromOidcGroups(teams, 'Team', { groups: ['g'], workforce });

    Template.fromStack(teams).hasResourceProperties('AWS::SageMaker::Workteam', { WorkforceName: 'labeling' });
    expect(teams.dependencies).toEqual([platform]);
    expect(Object.keys(Template.fromStack(platform).toJSON().Outputs ?? {})).toEqual([]);
  });

  test('a team of a nested stack given the workforce of its parent waits for it; one given none warns that it is in its account and region', () => {
    const app = matrixApp();
    const parent = new Stack(app, 'Parent');
    const workforce = new Workforce(parent, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    const nested = new NestedStack(parent, 'Nested');
    Workteam.fromOidcGroups(nested, 'Given', { groups: ['g'], workforce });
    Workteam.fromOidcGroups(nested, 'None', { groups: ['g'] });

    Template.fromStack(parent).hasResource('AWS::CloudFormation::Stack', { DependsOn: ['Workforce574A26FE'] });
    Template.fromStack(nested).hasResourceProperties('AWS::SageMaker::Workteam', { WorkforceName: Match.stringLikeRegexp('^Parent-Workforce-') });
    AssertedAnnotations.fromStack(parent).hasWarning(
      '/Parent/Nested/None',
      Match.stringLikeRegexp(String.raw`the workforce 'Parent/Workforce' of another stack is in its account and region: SageMaker would put the team in it`),
    );
    expect(AssertedAnnotations.fromStack(parent).findWarning('*', Match.stringLikeRegexp('may be in its account'))).toEqual([]);
  });

  test('fails for Cognito members on the OIDC workforce of their own stack', () => {
    const app = matrixApp();
    const stack = new Stack(app, 'A', { env: E1 });
    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    cognitoTeam(stack);

    expect(() => app.synth()).toThrow(/\[A\/Team\] members: the team's members are COGNITO groups, but the workforce 'A\/Workforce' signs in with OIDC/);
  });
});

describe('attributes across stacks', () => {
  /** Every Fn::ImportValue and every export of the app's templates. */
  function crossStackReferences(app: App): { imports: string[]; exports: string[] } {
    const templates = app.synth().stacks.map((stack) => stack.template);
    const imports = templates.flatMap((template) => JSON.stringify(template).match(/"Fn::ImportValue":"[^"]*"/g) ?? []);
    const exports = templates.flatMap((template) =>
      Object.values<any>(template.Outputs ?? {}).filter((output) => output.Export).map((output) => JSON.stringify(output.Value)),
    );
    return { imports: imports.sort(), exports: exports.sort() };
  }

  /** A platform stack (workforce, topic, pipeline role with grants, outputs of the teams' ARNs and names) and team stacks. */
  function platformApp(env: Environment | undefined, teamEnv = env): App {
    const app = matrixApp();
    const platform = new Stack(app, 'Platform', { env });
    const workforce = new Workforce(platform, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    const topic = new sns.Topic(platform, 'Tasks');
    const pipeline = new iam.Role(platform, 'Pipeline', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
    for (const name of ['Images', 'Texts']) {
      const team = Workteam.fromOidcGroups(new Stack(app, name, { env: teamEnv }), 'Team', { groups: [name], workforce, notificationTopic: topic });
      team.grants.createLabelingJobs(pipeline);
      team.grants.describe(pipeline);
      new CfnOutput(platform, `${name}Arn`, { value: team.workteamArn });
      new CfnOutput(platform, `${name}Name`, { value: team.workteamName });
    }
    return app;
  }

  test.each([
    ['environment-agnostic', AGNOSTIC],
    ['concrete', E1],
  ])('the platform and team stacks layout, %s, synthesizes with only the topic exported', (_name, env) => {
    const app = platformApp(env);

    // The only reference across stacks the user wrote that needs one: the topic of the teams (a Ref of the platform).
    expect(crossStackReferences(app)).toEqual({
      imports: ['"Fn::ImportValue":"Platform:ExportsOutputRefTasks0BA6A4528BB1B76E"', '"Fn::ImportValue":"Platform:ExportsOutputRefTasks0BA6A4528BB1B76E"'],
      exports: ['{"Ref":"Tasks0BA6A452"}'],
    });
    const platform = app.node.findChild('Platform') as Stack;
    const outputs = Template.fromStack(platform).toJSON().Outputs;
    expect(outputs.ImagesName.Value).toMatch(/^Images-Team-[0-9A-F]{8}$/);
    expect(render(outputs.ImagesArn.Value)).toMatch(new RegExp(`:workteam/private-crowd/${outputs.ImagesName.Value}$`));
  });

  test('in its own stack, a team\'s ARN and name are its attributes, and a workforce\'s its ARN attribute', () => {
    const app = matrixApp();
    const stack = new Stack(app, 'A', { env: E1 });
    const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    const team = Workteam.fromOidcGroups(stack, 'Team', { groups: ['g'], workforce });

    expect(stack.resolve(team.workteamArn)).toEqual({ 'Fn::GetAtt': ['Team8E98563C', 'WorkteamArn'] });
    expect(stack.resolve(team.workteamName)).toEqual({ 'Fn::GetAtt': ['Team8E98563C', 'WorkteamName'] });
    expect(stack.resolve(workforce.workforceArn)).toEqual({ 'Fn::GetAtt': ['Workforce574A26FE', 'WorkforceArn'] });
  });

  test.each([
    ['one environment', E1, E1, 'arn:${AWS::Partition}:sagemaker:us-east-1:111111111111:workteam/private-crowd/labelers'],
    ['another account', E1, E2, 'arn:${AWS::Partition}:sagemaker:us-east-1:111111111111:workteam/private-crowd/labelers'],
    ['environment-agnostic stacks', AGNOSTIC, AGNOSTIC, 'arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:workteam/private-crowd/labelers'],
  ])('in another stack of %s, a team\'s ARN and name are built from its name', (_name, teamEnv, userEnv, arn) => {
    const app = matrixApp();
    const team = Workteam.fromOidcGroups(new Stack(app, 'Team', { env: teamEnv }), 'Team', { groups: ['g'], workteamName: 'labelers' });
    const user = userStack(app, 'User', userEnv);
    new CfnOutput(user, 'Arn', { value: team.workteamArn });
    new CfnOutput(user, 'Name', { value: team.workteamName });

    const outputs = Template.fromStack(user).toJSON().Outputs;
    expect(render(outputs.Arn.Value)).toBe(arn);
    expect(outputs.Name.Value).toBe('labelers');
    expect(crossStackReferences(app)).toEqual({ imports: [], exports: [] });
  });

  test('a team whose name is a token is referenced from another stack through an export, as aws-cdk-lib does', () => {
    const app = matrixApp();
    const teamStack = new Stack(app, 'Team');
    const team = Workteam.fromOidcGroups(teamStack, 'Team', { groups: ['g'], workteamName: new CfnParameter(teamStack, 'Name').valueAsString });
    new CfnOutput(userStack(app, 'User'), 'Arn', { value: team.workteamArn });

    expect(crossStackReferences(app).exports).toEqual(['{"Fn::GetAtt":["Team8E98563C","WorkteamArn"]}']);
  });

  test('a workforce\'s ARN and name in another stack are built from its name', () => {
    const app = matrixApp();
    const workforce = new Workforce(new Stack(app, 'Platform'), 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS), workforceName: 'labeling' });
    const user = userStack(app, 'User');
    new CfnOutput(user, 'Arn', { value: workforce.workforceArn });
    new CfnOutput(user, 'Name', { value: workforce.workforceName });

    const outputs = Template.fromStack(user).toJSON().Outputs;
    expect(render(outputs.Arn.Value)).toBe('arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:workforce/labeling');
    expect(outputs.Name.Value).toBe('labeling');
    expect(crossStackReferences(app)).toEqual({ imports: [], exports: [] });
  });

  test('an imported workforce known to be OIDC still checks a team', () => {
    const app = matrixApp();
    const stack = new Stack(app, 'A');
    const workforce = Workforce.fromWorkforceAttributes(stack, 'Workforce', { workforceName: 'default', identityProviderType: IdentityProviderType.OIDC });
    Workteam.fromOidcGroups(stack, 'Team', { groups: ['g'], workforce });

    expect(() => app.synth()).not.toThrow();
  });
});

/** A CloudFormation string value as text, pseudo parameters as ${...}. */
function render(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) {
    return join[1].map(render).join(join[0]);
  }
  const ref = (value as { Ref?: string }).Ref;
  return ref ? `\${${ref}}` : JSON.stringify(value);
}

describe('imported workforces and work teams take their place in the limits', () => {
  const DEFAULT_ARN = 'arn:aws:sagemaker:us-east-1:111111111111:workforce/default';

  test.each([
    ['by name', (scope: Construct) => Workforce.fromWorkforceName(scope, 'Default', 'default')],
    ['by ARN', (scope: Construct) => Workforce.fromWorkforceArn(scope, 'Default', DEFAULT_ARN)],
    ['by attributes', (scope: Construct) => Workforce.fromWorkforceAttributes(scope, 'Default', { workforceName: 'default' })],
  ])('fails for a Workforce in the account and region of the default workforce imported %s', (_name, importDefault) => {
    const app = matrixApp();
    importDefault(userStack(app, 'A', E1));
    new Workforce(new Stack(app, 'B', { env: E1 }), 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });

    expect(() => app.synth()).toThrow(
      /\[B\/Workforce\] the imported workforce 'A\/Default' \("default"\) is already the private workforce of aws:\/\/111111111111\/us-east-1 \(an imported resource exists already\); SageMaker allows one workforce per account and region/,
    );
  });

  test('fails for a Workforce in the account and region of the ARN of a workforce imported in an environment-agnostic stack', () => {
    const app = matrixApp();
    Workforce.fromWorkforceArn(userStack(app, 'A'), 'Default', DEFAULT_ARN);
    new Workforce(new Stack(app, 'B', { env: E1 }), 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });

    expect(() => app.synth()).toThrow(/\[B\/Workforce\] the imported workforce 'A\/Default' \("default"\) is already the private workforce of aws:\/\/111111111111\/us-east-1/);
  });

  test('fails for a Workforce in the stack that imports the default workforce, whatever its environment', () => {
    const app = matrixApp();
    const stack = new Stack(app, 'A');
    Workforce.fromWorkforceName(stack, 'Default', 'default');
    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });

    expect(() => app.synth()).toThrow(/\[A\/Workforce\] the imported workforce 'A\/Default' \("default"\) is already the private workforce of the stack 'A'/);
  });

  test('fails for two workforces of different names imported in one account and region', () => {
    const app = matrixApp();
    Workforce.fromWorkforceName(userStack(app, 'A', E1), 'Default', 'default');
    Workforce.fromWorkforceName(userStack(app, 'B', E1), 'Other', 'other');

    expect(() => app.synth()).toThrow(
      /\[B\/Other\] the imported workforce 'B\/Other' \("other"\) and the imported workforce 'A\/Default' \("default"\) are both in aws:\/\/111111111111\/us-east-1, which has one private workforce/,
    );
  });

  test('one workforce imported in two stacks of one account and region, and a workforce of another region, synthesize with no warning', () => {
    const app = matrixApp();
    Workforce.fromWorkforceName(userStack(app, 'A', E1), 'Default', 'default');
    Workforce.fromWorkforceArn(userStack(app, 'B', E1), 'Default', DEFAULT_ARN);
    new Workforce(new Stack(app, 'C', { env: E1_OTHER_REGION }), 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });

    expect(mayShareWarnings(app)).toEqual([]);
  });

  test('warns for a Workforce of a concrete stack and a workforce imported by name in an environment-agnostic stack', () => {
    const app = matrixApp();
    Workforce.fromWorkforceName(userStack(app, 'A'), 'Default', 'default');
    new Workforce(new Stack(app, 'B', { env: E1 }), 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });

    const warnings = mayShareWarnings(app);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[\/A\/Default\] the workforce 'B\/Workforce' is in a stack that may deploy to the same account and region/);
  });

  test.each([
    ['by name', (scope: Construct) => Workteam.fromWorkteamName(scope, 'Existing', 'labelers')],
    ['by ARN', (scope: Construct) => Workteam.fromWorkteamArn(scope, 'Existing', 'arn:aws:sagemaker:us-east-1:111111111111:workteam/private-crowd/labelers')],
  ])('fails for a new team named like a team of its account and region imported %s', (_name, importTeam) => {
    const app = matrixApp();
    importTeam(userStack(app, 'A', E1));
    Workteam.fromOidcGroups(new Stack(app, 'B', { env: E1 }), 'Team', { groups: ['g'], workteamName: 'labelers' });

    expect(() => app.synth()).toThrow(
      /\[B\/Team\] workteamName: "labelers" is the name of the imported work team 'A\/Existing' \("labelers"\) in aws:\/\/111111111111\/us-east-1, and an imported resource exists already: work team names must be unique per account and region \(ResourceInUse\); to use a team of this app in another stack, pass the team itself/,
    );
  });

  test('warns for a new team named like a team imported in a stack whose environment is a token', () => {
    const app = matrixApp();
    Workteam.fromWorkteamName(userStack(app, 'A'), 'Existing', 'labelers');
    Workteam.fromOidcGroups(new Stack(app, 'B', { env: E1 }), 'Team', { groups: ['g'], workteamName: 'labelers' });

    const warnings = mayShareWarnings(app);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[\/A\/Existing\] workteamName: "labelers" is also the name of the work team 'B\/Team', whose stack may deploy/);
  });

  test('one team imported in two stacks, and a team of that name in another region, synthesize', () => {
    const app = matrixApp();
    Workteam.fromWorkteamName(userStack(app, 'A', E1), 'Existing', 'labelers');
    Workteam.fromWorkteamName(userStack(app, 'B', E1), 'Existing', 'labelers');
    Workteam.fromOidcGroups(new Stack(app, 'C', { env: E1_OTHER_REGION }), 'Team', { groups: ['g'], workteamName: 'labelers' });

    expect(mayShareWarnings(app)).toEqual([]);
  });

  test('fails for the 26th work team of an account and region, counting the imported ones once', () => {
    const app = matrixApp();
    const imports = userStack(app, 'A', E1);
    for (let i = 0; i < 5; i++) {
      Workteam.fromWorkteamName(imports, `Existing${i}`, `existing-${i}`);
      Workteam.fromWorkteamName(userStack(app, `Again${i}`, E1), 'Existing', `existing-${i}`);
    }
    oidcTeams(new Stack(app, 'B', { env: E1 }), 21);

    expect(() => app.synth()).toThrow(/\[B\/Team20\] this is work team number 26 in aws:\/\/111111111111\/us-east-1, whose first is 'A\/Existing0'/);
    expect(() => app.synth()).not.toThrow(/\[B\/Team19\]/);
  });

  test('a team of the public crowd is not counted', () => {
    const app = matrixApp();
    Workteam.fromWorkteamArn(userStack(app, 'A', E1), 'Public', 'arn:aws:sagemaker:us-east-1:111111111111:workteam/public-crowd/default');
    oidcTeams(new Stack(app, 'B', { env: E1 }), 25);

    expect(() => app.synth()).not.toThrow();
  });
});
