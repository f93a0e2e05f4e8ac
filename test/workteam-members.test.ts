import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { testStack } from './util';
import { IdentityProviderType, Workforce, WorkforceIdentity, Workteam, WorkteamMembers } from '../src';

function cognitoTeam(stack: Stack, groups: cognito.IUserPoolGroup[], userPool?: cognito.IUserPool, client?: cognito.IUserPoolClient) {
  const pool = userPool ?? new cognito.UserPool(stack, 'Pool');
  const userPoolClient = client ?? pool.addClient('Client');
  return new Workteam(stack, 'Team', { members: WorkteamMembers.fromCognitoGroups(pool, userPoolClient, groups) });
}

function importedGroups(stack: Stack, names: string[]) {
  return names.map((name, i) => cognito.UserPoolGroup.fromGroupName(stack, `Group${i}`, name));
}

describe('WorkteamMembers.fromCognitoGroups', () => {
  test('is Cognito members of the pool and client it is given', () => {
    const stack = testStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const client = pool.addClient('Client');

    const members = WorkteamMembers.fromCognitoGroups(pool, client, []);

    expect(members.identityProviderType).toBe(IdentityProviderType.COGNITO);
    expect(members.userPool).toBe(pool);
    expect(members.userPoolClient).toBe(client);
  });

  test('takes 10 groups', () => {
    const stack = testStack();
    cognitoTeam(stack, importedGroups(stack, Array.from({ length: 10 }, (_, i) => `group-${i}`)));

    const definitions = Object.values(Template.fromStack(stack).findResources('AWS::SageMaker::Workteam'))[0].Properties.MemberDefinitions;
    expect(definitions).toHaveLength(10);
  });

  test('fails for a group listed twice', () => {
    const stack = testStack();
    const [labelers] = importedGroups(stack, ['labelers']);

    expect(() => cognitoTeam(stack, [labelers, labelers])).toThrow(/members user group 'Stack\/Group0': the group is listed twice: a work team lists each group once/);
  });

  test('fails for two groups of one name', () => {
    const stack = testStack();

    expect(() => cognitoTeam(stack, importedGroups(stack, ['labelers', 'labelers']))).toThrow(
      /members user group 'Stack\/Group1': the group has the name of the group 'Stack\/Group0': a work team lists each group once/,
    );
  });

  test('fails for no group', () => {
    expect(() => cognitoTeam(testStack(), [])).toThrow(/members \(Cognito user groups\): has 0 items; it must have 1 to 10/);
  });

  test('fails for 11 groups', () => {
    const stack = testStack();
    expect(() => cognitoTeam(stack, importedGroups(stack, Array.from({ length: 11 }, (_, i) => `g${i}`)))).toThrow(
      /members \(Cognito user groups\): has 11 items; it must have 1 to 10/,
    );
  });

  test.each([
    ['with a space', 'image labelers'],
    ['with a tab', 'image\tlabelers'],
    ['of 129 characters', 'g'.repeat(129)],
    ['that is empty', ''],
  ])('fails for a group name %s', (_, name) => {
    const stack = testStack();
    expect(() => cognitoTeam(stack, importedGroups(stack, [name]))).toThrow(/members user group 'Stack\/Group0': .* (is not allowed|characters)/);
  });

  test('takes a group name of 128 letters, marks, symbols, numbers and punctuation', () => {
    const stack = testStack();
    expect(() => cognitoTeam(stack, importedGroups(stack, ['Ünïcode_✓-ß.(1)'.padEnd(128, 'x')]))).not.toThrow();
  });

  test('fails for a user pool id that is not one', () => {
    const stack = testStack();
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'my-pool');
    expect(() => cognitoTeam(stack, importedGroups(stack, ['g']), pool)).toThrow(/members user pool id: "my-pool" is not allowed/);
  });

  test('fails for a user pool imported by an id of another region than the team\'s', () => {
    const stack = testStack();
    const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-west-2_AbCdEf123');
    const userPoolClient = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', 'client1234');
    const group = cognito.UserPoolGroup.fromGroupName(stack, 'Group', 'labelers');

    expect(() => Workteam.fromCognitoGroup(stack, 'Team', { userPool, userPoolClient, group })).toThrow(
      /members user pool id: "us-west-2_AbCdEf123" is a user pool of us-west-2, and the team is in us-east-1: SageMaker needs the user pool in the region of the team/,
    );
  });

  test('takes a user pool imported by an id of the team\'s region', () => {
    const stack = testStack();
    const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123');
    const userPoolClient = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', 'client1234');
    const group = cognito.UserPoolGroup.fromGroupName(stack, 'Group', 'labelers');

    expect(() => Workteam.fromCognitoGroup(stack, 'Team', { userPool, userPoolClient, group })).not.toThrow();
  });

  test('fails for a user pool id of 56 characters', () => {
    const stack = testStack();
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', `us-east-1_${'a'.repeat(46)}`);
    expect(() => cognitoTeam(stack, importedGroups(stack, ['g']), pool)).toThrow(/members user pool id: .* has 56 characters/);
  });

  test('fails for an app client id with characters outside printable ASCII', () => {
    const stack = testStack();
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_abc');
    const client = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', 'client\u00e9');
    expect(() => cognitoTeam(stack, importedGroups(stack, ['g']), pool, client)).toThrow(/members app client id: .* is not allowed/);
  });

  test('fails for a group of another user pool defined in the app', () => {
    const stack = testStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const otherPool = new cognito.UserPool(stack, 'OtherPool');
    const group = new cognito.UserPoolGroup(stack, 'Group', { userPool: otherPool });

    expect(() => cognitoTeam(stack, [group], pool)).toThrow(
      /members user group 'Stack\/Group': the group belongs to another user pool than 'Stack\/Pool'/,
    );
  });

  test('fails for a group created in another imported user pool', () => {
    const stack = testStack();
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_one');
    const otherPool = cognito.UserPool.fromUserPoolId(stack, 'OtherPool', 'us-east-1_two');
    const group = new cognito.UserPoolGroup(stack, 'Group', { userPool: otherPool });

    expect(() => cognitoTeam(stack, [group], pool)).toThrow(/the group belongs to another user pool/);
  });

  test('fails, saying how to import it, for groups of the pool of a workforce imported without its identity', () => {
    const stack = testStack();
    const workforce = Workforce.fromWorkforceName(stack, 'Workforce', 'default');
    const group = cognito.UserPoolGroup.fromGroupName(stack, 'Group', 'labelers');

    expect(() => new Workteam(stack, 'Team', { members: WorkteamMembers.fromWorkforceUserGroups([group]), workforce })).toThrow(
      "Invalid Workteam at 'Stack/Team':\n  - members: the workforce 'Stack/Workforce' has no known Cognito identity to take the user pool and app " +
        'client from: import it with its identity (Workforce.fromWorkforceAttributes), or give the user pool and app client',
    );
  });

  test('a group of the same imported pool synthesizes', () => {
    const stack = testStack();
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_one');
    const group = new cognito.UserPoolGroup(stack, 'Group', { userPool: cognito.UserPool.fromUserPoolId(stack, 'Same', 'us-east-1_one') });

    expect(() => cognitoTeam(stack, [group], pool)).not.toThrow();
  });
});

describe('WorkteamMembers.fromOidcGroups', () => {
  test('is OIDC members, without a user pool or client', () => {
    const members = WorkteamMembers.fromOidcGroups(['a']);

    expect(members.identityProviderType).toBe(IdentityProviderType.OIDC);
    expect(members.userPool).toBeUndefined();
    expect(members.userPoolClient).toBeUndefined();
  });

  function oidcTeam(groups: string[]) {
    return () => new Workteam(testStack(), 'Team', { members: WorkteamMembers.fromOidcGroups(groups) });
  }

  test('renders a list token of groups as given', () => {
    const stack = testStack();
    const groups = new CfnParameter(stack, 'Groups', { type: 'CommaDelimitedList' }).valueAsList;

    new Workteam(stack, 'Team', { members: WorkteamMembers.fromOidcGroups(groups) });

    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workteam', {
      MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: { Ref: 'Groups' } } }],
    });
  });

  test('takes 10 groups of 63 characters', () => {
    expect(oidcTeam(Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(63, 'g')))).not.toThrow();
  });

  test('fails for a group listed twice', () => {
    expect(oidcTeam(['labelers', 'reviewers', 'labelers'])).toThrow(/members OIDC group \[2\]: "labelers" is group \[0\] already: a work team lists each group once/);
  });

  test('fails for no group', () => {
    expect(oidcTeam([])).toThrow(/members \(OIDC groups\): has 0 items; it must have 1 to 10/);
  });

  test('fails for 11 groups', () => {
    expect(oidcTeam(Array.from({ length: 11 }, (_, i) => `g${i}`))).toThrow(/members \(OIDC groups\): has 11 items/);
  });

  test.each([
    ['of 64 characters', 'g'.repeat(64), /has 64 characters; it must have 1 to 63/],
    ['that is empty', '', /has 0 characters/],
    ['with a space', 'image labelers', /is not allowed/],
    ['with a newline', 'image\nlabelers', /is not allowed/],
  ])('fails for a group %s', (_, group, error) => {
    expect(oidcTeam(['ok', group])).toThrow(new RegExp(`members OIDC group \\[1\\]: .*${error.source}`));
  });
});

describe('members on a workforce (the check a team runs at synth)', () => {
  const workforceOf = (stack: Stack, type: IdentityProviderType) =>
    Workforce.fromWorkforceAttributes(stack, 'Workforce', { workforceName: 'default', identityProviderType: type });

  test('members that sign in like the workforce have no error', () => {
    const stack = testStack();

    expect(WorkteamMembers.fromOidcGroups(['reviewers'])._validateWorkforce(workforceOf(stack, IdentityProviderType.OIDC), true)).toEqual([]);
  });

  test('fails for members that sign in another way than the workforce', () => {
    const stack = testStack();

    expect(WorkteamMembers.fromOidcGroups(['reviewers'])._validateWorkforce(workforceOf(stack, IdentityProviderType.COGNITO), true)).toEqual([
      "members: the team's members are OIDC groups, but the workforce 'Stack/Workforce' signs in with COGNITO",
    ]);
  });

  test('fails for another user pool and client than those of a workforce the team is given, and leaves them to the regional limits otherwise', () => {
    const stack = testStack();
    const workforcePool = new cognito.UserPool(stack, 'WorkforcePool');
    const otherPool = new cognito.UserPool(stack, 'OtherPool');
    const workforce = Workforce.fromWorkforceAttributes(stack, 'Workforce', {
      workforceName: 'default',
      identity: WorkforceIdentity.cognito(workforcePool, workforcePool.addClient('Client')),
    });
    const members = WorkteamMembers.fromCognitoGroups(otherPool, otherPool.addClient('Client'), importedGroups(stack, ['labelers']));

    expect(members._validateWorkforce(workforce, true)).toEqual([
      "members: the user pool 'Stack/OtherPool' is not the user pool of the workforce 'Stack/Workforce'",
      "members: the app client 'Stack/OtherPool/Client' is not the app client of the workforce 'Stack/Workforce'",
    ]);
    expect(members._validateWorkforce(workforce, false)).toEqual([]);
  });
});
