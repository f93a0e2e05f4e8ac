import { Token, TokenComparison } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import { IdentityProviderType } from './identity-provider-type';
import { COGNITO_USER_GROUP, COGNITO_USER_POOL_ID, MEMBER_DEFINITIONS, OIDC_GROUP, OIDC_GROUPS, WORKTEAM_CLIENT_ID } from './private/rules';
import { certainlyDifferent } from './private/same-value';
import { checkUserPoolRegion } from './private/user-pool-region';
import { quote, Validator } from './private/validation';
import type { IWorkforce } from './workforce';

/**
 * The workers of a work team: Amazon Cognito user groups of one user pool and app client, or groups of
 * an OIDC identity provider. One work team never mixes the two, and never two user pools or clients.
 */
export abstract class WorkteamMembers {
  /**
   * Workers from 1 to 10 groups of one Amazon Cognito user pool, signing in through one app client.
   *
   * The user pool and app client must be those of the account's private workforce in the region.
   *
   * @param userPool the user pool of the workforce
   * @param userPoolClient the app client of the workforce's worker portal
   * @param groups the user groups whose users are the team's workers (1 to 10)
   */
  public static fromCognitoGroups(
    userPool: cognito.IUserPool,
    userPoolClient: cognito.IUserPoolClient,
    groups: cognito.IUserPoolGroup[],
  ): WorkteamMembers {
    return new CognitoMembers(userPool, userPoolClient, groups);
  }

  /**
   * Workers from 1 to 10 groups of the user pool of the team's Cognito workforce, signing in through its app client:
   * the team's `workforce` must be one whose identity is known (a `Workforce` of this app with
   * `WorkforceIdentity.cognito(...)`, or one imported with its `identity`).
   *
   * @param groups the user groups whose users are the team's workers (1 to 10)
   */
  public static fromWorkforceUserGroups(groups: cognito.IUserPoolGroup[]): WorkteamMembers {
    return new CognitoMembers(undefined, undefined, groups);
  }

  /**
   * Workers from 1 to 10 groups of the OIDC identity provider of the account's private workforce.
   *
   * @param groups group names as the identity provider sends them in the `sagemaker:groups` claim
   */
  public static fromOidcGroups(groups: string[]): WorkteamMembers {
    return new OidcMembers(groups);
  }

  /** How these workers sign in. */
  public abstract readonly identityProviderType: IdentityProviderType;

  /**
   * The Cognito user pool of these workers, where they name it.
   *
   * @default - not Cognito members, or those of the team's workforce
   */
  public abstract readonly userPool?: cognito.IUserPool;

  /**
   * The Cognito app client these workers sign in with, where they name it.
   *
   * @default - not Cognito members, or those of the team's workforce
   */
  public abstract readonly userPoolClient?: cognito.IUserPoolClient;

  /**
   * Renders the member definitions of a work team, recording every rule they break.
   *
   * @param region the team's region, which the user pool, client and groups must be in
   * @param workforce the team's workforce, whose user pool and client members without their own take
   * @internal
   */
  public abstract _render(validator: Validator, region: string, workforce?: IWorkforce): CfnWorkteam.MemberDefinitionProperty[];

  /**
   * The errors of these members on a workforce: they must sign in the way it does, with its user pool and client.
   *
   * @param workforce the team's workforce, given or the one of its stack
   * @param given whether the team was given it: a team that joins its stack's workforce without being given it is
   * checked by the rule of one user pool and client per account and region (RegionalLimits), which names both
   * @internal
   */
  public _validateWorkforce(workforce: IWorkforce, given: boolean): string[] {
    const errors: string[] = [];
    const where = `'${workforce.node.path}'`;
    const workforceType = workforce.identityProviderType;
    if (workforceType !== undefined && workforceType !== this.identityProviderType) {
      errors.push(`members: the team's members are ${this.identityProviderType} groups, but the workforce ${where} signs in with ${workforceType}`);
    }
    const identity = workforce.identity;
    if (given && this.userPool && identity?.userPool) {
      if (certainlyDifferent(this.userPool.userPoolId, identity.userPool.userPoolId)) {
        errors.push(`members: the user pool '${this.userPool.node.path}' is not the user pool of the workforce ${where}`);
      }
      if (certainlyDifferent(this.userPoolClient!.userPoolClientId, identity.userPoolClient!.userPoolClientId)) {
        errors.push(`members: the app client '${this.userPoolClient!.node.path}' is not the app client of the workforce ${where}`);
      }
    }
    return errors;
  }
}

class CognitoMembers extends WorkteamMembers {
  public readonly identityProviderType = IdentityProviderType.COGNITO;

  constructor(
    public readonly userPool: cognito.IUserPool | undefined,
    public readonly userPoolClient: cognito.IUserPoolClient | undefined,
    private readonly groups: cognito.IUserPoolGroup[],
  ) {
    super();
  }

  public _render(validator: Validator, region: string, workforce?: IWorkforce): CfnWorkteam.MemberDefinitionProperty[] {
    validator.count('members (Cognito user groups)', this.groups, MEMBER_DEFINITIONS);
    for (const resource of [this.userPool, this.userPoolClient, ...this.groups]) {
      if (resource && Token.compareStrings(resource.env.region, region) === TokenComparison.DIFFERENT) {
        validator.fail(
          'members',
          `'${resource.node.path}' is in ${resource.env.region}, the team in ${region}: the user pool, app client and groups ` +
            "must be in the team's region",
        );
      }
    }
    const userPool = this.userPool ?? workforce?.identity?.userPool;
    const userPoolClient = this.userPoolClient ?? workforce?.identity?.userPoolClient;
    if (!userPool || !userPoolClient) {
      validator.fail(
        'members',
        workforce
          ? `the workforce '${workforce.node.path}' has no known Cognito identity to take the user pool and app client from: ` +
            'import it with its identity (Workforce.fromWorkforceAttributes), or give the user pool and app client'
          : "user groups without their user pool and app client take those of the team's workforce, and the team has none: " +
            'give its workforce',
      );
      return [];
    }
    if (validator.string('members user pool id', userPool.userPoolId, COGNITO_USER_POOL_ID)) {
      checkUserPoolRegion(validator, 'members user pool id', userPool.userPoolId, region, 'the team');
    }
    validator.string('members app client id', userPoolClient.userPoolClientId, WORKTEAM_CLIENT_ID);
    const firstOfName = new Map<string, cognito.IUserPoolGroup>();
    for (const group of this.groups) {
      validator.string(`members user group '${group.node.path}'`, group.groupName, COGNITO_USER_GROUP);
      // Equal texts are the same group, tokens too (a token's text stands for one value).
      const first = firstOfName.get(group.groupName);
      if (first) {
        validator.fail(`members user group '${group.node.path}'`, `the group ${group === first ? 'is listed twice' : `has the name of the group '${first.node.path}'`}: a work team lists each group once`);
      } else {
        firstOfName.set(group.groupName, group);
      }
      const poolOfGroup = userPoolIdOfGroup(group);
      if (poolOfGroup !== undefined && certainlyDifferent(poolOfGroup, userPool.userPoolId)) {
        validator.fail(
          `members user group '${group.node.path}'`,
          `the group belongs to another user pool than '${userPool.node.path}'; a work team's groups must all be in its user pool`,
        );
      }
    }
    return this.groups.map((group) => ({
      cognitoMemberDefinition: {
        cognitoUserPool: userPool.userPoolId,
        cognitoClientId: userPoolClient.userPoolClientId,
        cognitoUserGroup: group.groupName,
      },
    }));
  }
}

class OidcMembers extends WorkteamMembers {
  public readonly identityProviderType = IdentityProviderType.OIDC;
  public readonly userPool = undefined;
  public readonly userPoolClient = undefined;

  constructor(private readonly groups: string[]) {
    super();
  }

  public _render(validator: Validator, _region: string): CfnWorkteam.MemberDefinitionProperty[] {
    validator.count('members (OIDC groups)', this.groups, OIDC_GROUPS);
    // A list token is a list of one string token, which is not judged.
    this.groups.forEach((group, index) => {
      validator.string(`members OIDC group [${index}]`, group, OIDC_GROUP);
      const first = this.groups.indexOf(group);
      if (first !== index) {
        validator.fail(`members OIDC group [${index}]`, `${quote(group)} is group [${first}] already: a work team lists each group once`);
      }
    });
    return [{ oidcMemberDefinition: { oidcGroups: this.groups } }];
  }
}

/** The user pool id a group defined in this app was created in. */
function userPoolIdOfGroup(group: cognito.IUserPoolGroup): string | undefined {
  const resource = group.node.defaultChild;
  return resource instanceof cognito.CfnUserPoolGroup ? resource.userPoolId : undefined;
}
