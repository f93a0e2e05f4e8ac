import { isIPv4, isIPv6 } from 'net';
import { Annotations, Arn, ArnComponents, ArnFormat, Fn, IResource, Resource, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnWorkforce } from 'aws-cdk-lib/aws-sagemaker';
import { aws_sagemaker as sagemakerRefs } from 'aws-cdk-lib/interfaces';
import { Construct, IConstruct } from 'constructs';
import { IdentityProviderType } from './identity-provider-type';
import { generateName } from './private/names';
import { claimInRegion, RegionalKind, RegionalLimits } from './private/regional-limits';
import { checkResourceTypeInRegion } from './private/regions';
import { CIDR, SOURCE_IP_CIDRS, WORKFORCE_NAME, WORKFORCE_SECURITY_GROUPS } from './private/rules';
import { stackLocalAttribute } from './private/stack-local-attribute';
import { validateTags, WORKFORCE_TAG_RULES } from './private/tags';
import { quote, Validator } from './private/validation';
import { ipv6CidrBlocksOf } from './private/vpc-ipv6';
import { defaultPortalSecurityGroups, renderWorkforceVpc } from './private/workforce-vpc';
import { WorkforceIdentity } from './workforce-identity';

/**
 * A SageMaker private workforce: the workers of an account in a region, and how they sign in.
 */
export interface IWorkforce extends IResource, sagemakerRefs.IWorkforceRef, ec2.IConnectable {
  /**
   * The ARN of the workforce.
   *
   * @attribute
   */
  readonly workforceArn: string;

  /**
   * The name of the workforce.
   *
   * @attribute
   */
  readonly workforceName: string;

  /**
   * The host name of the worker portal, such as `abcd1234.labeling.us-east-1.sagemaker.aws`.
   *
   * @attribute
   */
  readonly workforceSubDomain: string;

  /**
   * The sign-in URL of the worker portal, `https://` and the workforce's sub-domain.
   */
  readonly workerPortalUrl: string;

  /**
   * The callback URL of the worker portal's sign-in, `https://` and the workforce's sub-domain and
   * `/oauth2/idpresponse`: a Cognito app client of the workforce must list it among its callback URLs.
   */
  readonly workerPortalCallbackUrl: string;

  /**
   * The logout URL of the worker portal, `https://` and the workforce's sub-domain and `/logout`: a Cognito app
   * client of the workforce must list it among its logout URLs.
   */
  readonly workerPortalLogoutUrl: string;

  /**
   * How the workers sign in, where it is known.
   *
   * @default - unknown (an imported workforce)
   */
  readonly identityProviderType?: IdentityProviderType;

  /**
   * The identity provider the workers sign in with, where it is known: work teams are checked against its user
   * pool and app client.
   *
   * @default - unknown (an imported workforce)
   */
  readonly identity?: WorkforceIdentity;
}

/**
 * What identifies a workforce defined outside this app.
 */
export interface WorkforceAttributes {
  /** The name of the workforce; the one SageMaker creates with the first Cognito work team is `default`. */
  readonly workforceName: string;

  /**
   * The host name of the worker portal.
   *
   * @default - unknown: reading `workforceSubDomain` or the portal's URLs fails
   */
  readonly workforceSubDomain?: string;

  /**
   * How the workers sign in; work teams of the other kind then fail at synth.
   *
   * @default - the type of `identity`, else unknown: not checked
   */
  readonly identityProviderType?: IdentityProviderType;

  /**
   * The identity provider the workforce signs workers in with: work teams are then checked against it, and Cognito
   * teams can take its user pool and app client (`WorkteamMembers.fromWorkforceUserGroups`). Nothing is changed on
   * the user pool or app client.
   *
   * @default - unknown: not checked
   */
  readonly identity?: WorkforceIdentity;

  /**
   * The security groups of the worker portal's VPC endpoints, for a workforce reached from a VPC: its `connections`
   * then manage them (`workforce.connections.allowFrom(...)`).
   *
   * @default - unknown: reading `connections` fails
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/**
 * The IP addresses the worker portal can be reached over.
 */
export enum WorkforceIpAddressType {
  /** IPv4 only. */
  IPV4 = 'ipv4',
  /** IPv4 and IPv6; a VPC workforce then needs a dual-stack VPC. */
  DUAL_STACK = 'dualstack',
}

/**
 * Properties of a new private workforce.
 */
export interface WorkforceProps {
  /**
   * How the workers sign in: an Amazon Cognito user pool or your OIDC identity provider.
   *
   * A Cognito user pool of this app needs a domain, which the workforce waits for; an app client of this app gets
   * the worker portal's callback and logout URLs once the workforce exists, in the same deployment, and again after
   * every update of the client (a custom resource reads the client and writes it back with every setting kept).
   * Changing the user pool or app client replaces the workforce.
   */
  readonly identity: WorkforceIdentity;

  /**
   * The name of the workforce: 1 to 63 ASCII letters, digits and hyphens, starting with a letter or
   * digit. Changing it replaces the workforce, which fails while it has work teams (CloudFormation deletes the old
   * workforce first, and SageMaker does not delete one with teams): so does changing its user pool or app client.
   *
   * @default - a name generated from the construct path, such as `MyStack-Workforce-1A2B3C4D`
   */
  readonly workforceName?: string;

  /**
   * The only networks, as 1 to 10 IPv4 or IPv6 CIDR blocks, that workers may reach the portal from.
   *
   * @default - any address
   */
  readonly allowedSourceIps?: string[];

  /**
   * The VPC the worker portal is reached from, through interface endpoints SageMaker creates.
   *
   * @default - the portal is on the internet
   */
  readonly vpc?: ec2.IVpc;

  /**
   * The subnets, 1 to 16, of the portal's endpoints.
   *
   * @default - the VPC's default selection (its private subnets)
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The security groups, 1 to 5, of the portal's endpoints.
   *
   * @default - a new security group allowing HTTPS from the VPC's CIDR block (a VPC imported without its
   * `vpcCidrBlock` needs security groups)
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * The IP addresses the worker portal can be reached over.
   *
   * @default WorkforceIpAddressType.IPV4
   */
  readonly ipAddressType?: WorkforceIpAddressType;

  /**
   * Tags of the workforce. `Tags.of(scope).add(...)` on any parent reaches the workforce too.
   *
   * At most 50, with keys of 1 to 128 and values of 0 to 256 characters: letters, numbers and spaces of Unicode 16.0
   * (the version CloudFormation's schema check knows) and `_.:/=+-@`; keys may not start with `aws:`.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

abstract class WorkforceBase extends Resource implements IWorkforce {
  public abstract readonly workforceArn: string;
  public abstract readonly workforceName: string;
  public abstract readonly workforceSubDomain: string;
  public abstract readonly identityProviderType?: IdentityProviderType;
  public abstract readonly identity?: WorkforceIdentity;

  /** A reference to this workforce, for aws-cdk-lib's L1 constructs. */
  public get workforceRef(): sagemakerRefs.WorkforceReference {
    return { workforceArn: this.workforceArn };
  }

  public get workerPortalUrl(): string {
    return Fn.join('', ['https://', this.workforceSubDomain]);
  }

  public get workerPortalCallbackUrl(): string {
    return Fn.join('', ['https://', this.workforceSubDomain, '/oauth2/idpresponse']);
  }

  public get workerPortalLogoutUrl(): string {
    return Fn.join('', ['https://', this.workforceSubDomain, '/logout']);
  }

  public abstract readonly connections: ec2.Connections;
}

/**
 * A SageMaker private workforce (one per account and region) of Cognito or OIDC workers.
 *
 * @resource AWS::SageMaker::Workforce
 */
export class Workforce extends WorkforceBase {
  /**
   * Refers to the private workforce of this stack's account and region by its name.
   */
  public static fromWorkforceName(scope: Construct, id: string, workforceName: string): IWorkforce {
    return Workforce.fromWorkforceAttributes(scope, id, { workforceName });
  }

  /**
   * Refers to a private workforce by its ARN, `arn:<partition>:sagemaker:<region>:<account>:workforce/<name>`.
   */
  public static fromWorkforceArn(scope: Construct, id: string, workforceArn: string): IWorkforce {
    const path = `${scope.node.path}/${id}`;
    const validator = new Validator();
    let workforceName = Fn.select(1, Fn.split('/', workforceArn));
    if (!Token.isUnresolved(workforceArn)) {
      const parts = workforceArn.startsWith('arn:') ? Arn.split(workforceArn, ArnFormat.SLASH_RESOURCE_NAME) : undefined;
      // As Workteam.fromWorkteamArn: the account and region place the workforce in the limits of its account and region.
      if (parts?.service !== 'sagemaker' || parts.resource !== 'workforce' || !parts.resourceName || !/^\d{12}$/.test(parts.account ?? '') ||
        !/^[a-z0-9-]+$/.test(parts.region ?? '') || !/^[a-z-]+$/.test(parts.partition ?? '')) {
        validator.fail('workforceArn', `${quote(workforceArn)} is not the ARN of a workforce; expected arn:<partition>:sagemaker:<region>:<account>:workforce/<name>`);
      }
      workforceName = parts?.resourceName ?? workforceArn;
    }
    validator.throwIfInvalid('Workforce', path);
    return importedWorkforce(scope, id, { workforceName }, workforceArn);
  }

  /**
   * Refers to a private workforce defined outside this app, such as the `default` workforce that the console or
   * the account's first Cognito work team created: give its `identity` so that work teams are checked against it.
   */
  public static fromWorkforceAttributes(scope: Construct, id: string, attrs: WorkforceAttributes): IWorkforce {
    return importedWorkforce(scope, id, attrs);
  }

  public readonly workforceArn: string;
  public readonly workforceName: string;
  public readonly workforceSubDomain: string;
  public readonly identityProviderType?: IdentityProviderType;

  /**
   * How the workers sign in (always known for a workforce of this app; optional as in `IWorkforce`).
   */
  public readonly identity?: WorkforceIdentity;

  /**
   * The VPC the worker portal is reached from.
   *
   * @default - none: the portal is on the internet
   */
  public readonly vpc?: ec2.IVpc;

  private readonly resource: CfnWorkforce;
  private readonly portalConnections?: ec2.Connections;

  constructor(scope: Construct, id: string, props: WorkforceProps) {
    super(scope, id, { physicalName: props.workforceName ?? generateName(scope, id) });
    this.identity = props.identity;
    this.identityProviderType = props.identity.identityProviderType;
    this.vpc = props.vpc;

    const validator = new Validator();
    validator.string('workforceName', this.physicalName, WORKFORCE_NAME);
    const identityConfig = props.identity._bind(this, validator);
    const sourceIpConfig = renderSourceIps(props.allowedSourceIps, validator);
    const dualStack = props.ipAddressType === WorkforceIpAddressType.DUAL_STACK;
    const ipv6Blocks = props.vpc ? ipv6CidrBlocksOf(props.vpc) : undefined;
    if (dualStack && ipv6Blocks?.length === 0) {
      validator.fail(
        'ipAddressType',
        `DUAL_STACK needs a VPC with an IPv6 CIDR block, and the vpc '${props.vpc!.node.path}' has none: create it with ipProtocol: ec2.IpProtocol.DUAL_STACK`,
      );
    }
    let workforceVpcConfig: CfnWorkforce.WorkforceVpcConfigRequestProperty | undefined;
    if (props.vpc) {
      const securityGroups = props.securityGroups ?? defaultPortalSecurityGroups(this, props.vpc, validator, dualStack ? ipv6Blocks : undefined);
      this.portalConnections = new ec2.Connections({ securityGroups });
      workforceVpcConfig = renderWorkforceVpc(props.vpc, props.vpcSubnets, props.securityGroups, securityGroups, validator);
    } else if (props.vpcSubnets || props.securityGroups) {
      validator.fail('vpcSubnets, securityGroups', 'they need a vpc');
    }
    checkResourceTypeInRegion(this, CfnWorkforce.CFN_RESOURCE_TYPE_NAME, validator);
    validator.throwIfInvalid('Workforce', this.node.path);
    if (props.vpc && props.allowedSourceIps) {
      Annotations.of(this).addWarningV2(
        'cdk-sagemaker-workteam:vpcWithSourceIps',
        'allowedSourceIps with a vpc: SageMaker documents that it does not support source-IP restriction for worker portals in a VPC (UpdateWorkforce)',
      );
    }

    this.resource = new CfnWorkforce(this, 'Resource', {
      workforceName: this.physicalName,
      ...identityConfig,
      sourceIpConfig,
      workforceVpcConfig,
      ipAddressType: props.ipAddressType,
      tags: Object.entries(props.tags ?? {}).map(([key, value]) => ({ key, value })),
    });

    // In its own stack, the ARN and name are read from the ARN attribute (a team that uses them waits for the
    // workforce); in other stacks, built from the name when it is known at synth, with no export (see Workteam).
    this.workforceArn = stackLocalAttribute(
      this,
      this.physicalName,
      this.resource.attrWorkforceArn,
      () => workforceArnOf(this, this.physicalName),
      () => this.getResourceArnAttribute(this.resource.attrWorkforceArn, workforceArnComponents(this.physicalName)),
    );
    const nameAttribute = Fn.select(1, Fn.split('/', this.resource.attrWorkforceArn));
    this.workforceName = stackLocalAttribute(
      this,
      this.physicalName,
      nameAttribute,
      () => this.physicalName,
      () => this.getResourceNameAttribute(nameAttribute),
    );
    this.workforceSubDomain = this.resource.attrSubDomain;

    const { userPool, userPoolClient } = props.identity;
    // SageMaker allows one private workforce per account and region, and so one Cognito user pool and app client
    // there. The work teams of this stack that are given no workforce join this one.
    claimInRegion(this, {
      kind: RegionalKind.WORKFORCE,
      imported: false,
      name: this.physicalName,
      cognito: userPool && userPoolClient ? [userPool.userPoolId, userPoolClient.userPoolClientId] : undefined,
    });
    // The identity wires the worker portal's sign-in (a Cognito user pool's domain, the portal's URLs on its client).
    props.identity._bindToResource({
      workforce: this,
      resource: this.resource,
      callbackUrl: this.workerPortalCallbackUrl,
      logoutUrl: this.workerPortalLogoutUrl,
    });
    this.node.addValidation({
      validate: () => [
        ...validateTags(new Validator(), this.resource.cdkTagManager.tagValues(), WORKFORCE_TAG_RULES).errors,
        ...RegionalLimits.of(this).errorsOf(this),
      ],
    });
  }

  /**
   * The network connections of the worker portal's VPC endpoints (their security groups), such as
   * `workforce.connections.allowFrom(peer, ec2.Port.tcp(443))`. Only a workforce with a `vpc` has them.
   */
  public get connections(): ec2.Connections {
    return connectionsOf(this, this.portalConnections);
  }
}

function importedWorkforce(scope: Construct, id: string, attrs: WorkforceAttributes, arn?: string): IWorkforce {
  const validator = new Validator();
  validator.string('workforceName', attrs.workforceName, WORKFORCE_NAME);
  if (attrs.securityGroups !== undefined) {
    validator.count('securityGroups', attrs.securityGroups, WORKFORCE_SECURITY_GROUPS);
  }
  validator.throwIfInvalid('Workforce', `${scope.node.path}/${id}`);

  class Import extends WorkforceBase {
    public readonly workforceName = attrs.workforceName;
    public readonly workforceArn = arn ?? workforceArnOf(this, attrs.workforceName);
    public readonly identity = attrs.identity;
    public readonly identityProviderType = attrs.identityProviderType ?? attrs.identity?.identityProviderType;
    private readonly portalConnections = attrs.securityGroups ? new ec2.Connections({ securityGroups: attrs.securityGroups }) : undefined;

    public get connections(): ec2.Connections {
      return connectionsOf(this, this.portalConnections);
    }

    public get workforceSubDomain(): string {
      if (attrs.workforceSubDomain === undefined) {
        throw new Error(
          `the sub-domain of the imported workforce '${this.node.path}' is unknown: import it with ` +
            'Workforce.fromWorkforceAttributes({ workforceSubDomain })',
        );
      }
      return attrs.workforceSubDomain;
    }
  }
  const imported = new Import(scope, id, { environmentFromArn: arn });
  // A workforce that exists takes its place in the limits of its account and region.
  const { userPool, userPoolClient } = attrs.identity ?? {};
  claimInRegion(imported, {
    kind: RegionalKind.WORKFORCE,
    imported: true,
    name: attrs.workforceName,
    cognito: userPool && userPoolClient ? [userPool.userPoolId, userPoolClient.userPoolClientId] : undefined,
  });
  imported.node.addValidation({ validate: () => RegionalLimits.of(imported).errorsOf(imported) });
  return imported;
}

/**
 * The connections of a workforce's portal endpoints; a workforce without them fails, saying why, as aws-cdk-lib's
 * Lambda functions do ("Only VPC-associated Lambda Functions have security groups to manage").
 */
function connectionsOf(workforce: IConstruct, connections: ec2.Connections | undefined): ec2.Connections {
  if (!connections) {
    throw new Error(
      `the workforce '${workforce.node.path}' has no vpc, so no security groups to manage: only a workforce reached from a ` +
        'VPC has connections; give vpc when creating the workforce, or securityGroups when importing it ' +
        '(Workforce.fromWorkforceAttributes)',
    );
  }
  return connections;
}

/** `arn:<partition>:sagemaker:<region>:<account>:workforce/<name>` */
function workforceArnOf(scope: Construct, workforceName: string): string {
  return Stack.of(scope).formatArn(workforceArnComponents(workforceName));
}

function workforceArnComponents(workforceName: string): ArnComponents {
  return { service: 'sagemaker', resource: 'workforce', resourceName: workforceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME };
}

function renderSourceIps(cidrs: string[] | undefined, validator: Validator): CfnWorkforce.SourceIpConfigProperty | undefined {
  if (cidrs === undefined) {
    return undefined;
  }
  validator.count('allowedSourceIps', cidrs, SOURCE_IP_CIDRS);
  if (!Token.isUnresolved(cidrs)) {
    cidrs.forEach((cidr, index) => {
      if (validator.string(`allowedSourceIps[${index}]`, cidr, CIDR) && !Token.isUnresolved(cidr) && !isCidr(cidr)) {
        validator.fail(`allowedSourceIps[${index}]`, `${quote(cidr)} is not an IPv4 or IPv6 CIDR block such as 203.0.113.0/24 or 2001:db8::/32`);
      }
    });
  }
  return { cidrs };
}

/**
 * Beyond the API's pattern (which bounds the prefix): an address that makes a network, without the zone id
 * (`fe80::1%eth0`) the pattern lets through.
 */
function isCidr(value: string): boolean {
  const [address] = value.split('/');
  return isIPv4(address) || (isIPv6(address) && !address.includes('%'));
}
