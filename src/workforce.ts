import { isIPv4, isIPv6 } from 'net';
import { Annotations, ArnFormat, Fn, IResource, Resource, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnWorkforce } from 'aws-cdk-lib/aws-sagemaker';
import { aws_sagemaker as sagemakerRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { generateName } from './private/names';
import { RegionalRegistry } from './private/regional-registry';
import { checkResourceTypeInRegion } from './private/regions';
import {
  CIDR,
  MAX_WORKFORCES_PER_REGION,
  SECURITY_GROUP_ID,
  SOURCE_IP_CIDRS,
  SUBNET_ID,
  VPC_ID,
  WORKFORCE_NAME,
  WORKFORCE_SECURITY_GROUPS,
  WORKFORCE_SUBNETS,
} from './private/rules';
import { validateTags, WORKFORCE_TAG_RULES } from './private/tags';
import { quote, Validator } from './private/validation';
import { ipv6CidrBlocksOf } from './private/vpc-ipv6';
import { WorkforceIdentity } from './workforce-identity';
import { IdentityProviderType } from './workteam-members';

/**
 * A SageMaker private workforce: the workers of an account in a region, and how they sign in.
 */
export interface IWorkforce extends IResource, sagemakerRefs.IWorkforceRef {
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
  readonly subDomain: string;

  /**
   * How the workers sign in, where it is known.
   *
   * @default - unknown (an imported workforce)
   */
  readonly identityProviderType?: IdentityProviderType;
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
   * @default - unknown: reading `subDomain` fails
   */
  readonly subDomain?: string;

  /**
   * How the workers sign in; work teams of the other kind then fail at synth.
   *
   * @default - unknown: not checked
   */
  readonly identityProviderType?: IdentityProviderType;
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
   */
  readonly identity: WorkforceIdentity;

  /**
   * The name of the workforce: 1 to 63 ASCII letters, digits and hyphens, starting with a letter or
   * digit. Changing it replaces the workforce.
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
  public abstract readonly subDomain: string;
  public abstract readonly identityProviderType?: IdentityProviderType;

  /** A reference to this workforce, for aws-cdk-lib's L1 constructs. */
  public get workforceRef(): sagemakerRefs.WorkforceReference {
    return { workforceArn: this.workforceArn };
  }
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
   * Refers to a private workforce defined outside this app.
   */
  public static fromWorkforceAttributes(scope: Construct, id: string, attrs: WorkforceAttributes): IWorkforce {
    const validator = new Validator();
    validator.string('workforceName', attrs.workforceName, WORKFORCE_NAME);
    validator.throwIfInvalid('Workforce', `${scope.node.path}/${id}`);

    class Import extends WorkforceBase {
      public readonly workforceName = attrs.workforceName;
      public readonly workforceArn = workforceArnOf(this, attrs.workforceName);
      public readonly identityProviderType = attrs.identityProviderType;

      public get subDomain(): string {
        if (attrs.subDomain === undefined) {
          throw new Error(`subDomain of the imported workforce '${this.node.path}' is unknown: import it with Workforce.fromWorkforceAttributes({ subDomain })`);
        }
        return attrs.subDomain;
      }
    }
    return new Import(scope, id);
  }

  public readonly workforceArn: string;
  public readonly workforceName: string;
  public readonly subDomain: string;
  public readonly identityProviderType?: IdentityProviderType;

  /** How the workers sign in. */
  public readonly identity: WorkforceIdentity;

  /**
   * The sign-in URL of the worker portal: `https://` followed by the workforce's `subDomain`.
   *
   * @attribute
   */
  public readonly workerPortalUrl: string;

  /** The security groups of the portal's VPC endpoints; empty without a VPC. */
  public readonly securityGroups: ec2.ISecurityGroup[];

  private readonly resource: CfnWorkforce;

  constructor(scope: Construct, id: string, props: WorkforceProps) {
    super(scope, id, { physicalName: props.workforceName ?? generateName(scope, id) });
    this.identity = props.identity;
    this.identityProviderType = props.identity.identityProviderType;

    const validator = new Validator();
    validator.string('workforceName', this.physicalName, WORKFORCE_NAME);
    const identityConfig = props.identity._render(validator, this);
    const sourceIpConfig = renderSourceIps(props.allowedSourceIps, validator);
    const dualStack = props.ipAddressType === WorkforceIpAddressType.DUAL_STACK;
    const ipv6Blocks = props.vpc ? ipv6CidrBlocksOf(props.vpc) : undefined;
    if (dualStack && ipv6Blocks?.length === 0) {
      validator.fail(
        'ipAddressType',
        `DUAL_STACK needs a VPC with an IPv6 CIDR block, and the vpc '${props.vpc!.node.path}' has none: create it with ipProtocol: ec2.IpProtocol.DUAL_STACK`,
      );
    }
    const defaultIpv6Blocks = dualStack ? ipv6Blocks : undefined;
    this.securityGroups = props.vpc ? props.securityGroups ?? this.defaultSecurityGroups(props.vpc, validator, defaultIpv6Blocks) : [];
    const workforceVpcConfig = props.vpc ? renderVpc(props, this.securityGroups, validator) : undefined;
    if (!props.vpc && (props.vpcSubnets || props.securityGroups)) {
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

    this.workforceArn = this.getResourceArnAttribute(this.resource.attrWorkforceArn, {
      service: 'sagemaker',
      resource: 'workforce',
      resourceName: this.physicalName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    // The name read from the ARN attribute: a team that uses it waits for the workforce.
    this.workforceName = this.getResourceNameAttribute(Fn.select(1, Fn.split('/', this.resource.attrWorkforceArn)));
    this.subDomain = this.resource.attrSubDomain;
    this.workerPortalUrl = Fn.join('', ['https://', this.resource.attrSubDomain]);

    this.validateOnePerRegion();
    this.checkWorkerPortalClient(props.identity.userPoolClient);
    this.node.addValidation({ validate: () => validateTags(new Validator(), this.resource.cdkTagManager.tagValues(), WORKFORCE_TAG_RULES).errors });
  }

  /**
   * SageMaker sets the worker portal's callback and logout URLs on the app client it is given. When the
   * client is a CloudFormation resource of this app, CloudFormation writes the template's URLs back at its
   * next update, and workers can no longer sign in, unless the template itself holds the portal's URLs.
   */
  private checkWorkerPortalClient(client: cognito.IUserPoolClient | undefined): void {
    const resource = client?.node.defaultChild;
    if (!(resource instanceof cognito.CfnUserPoolClient)) {
      return;
    }
    const callbackUrls = resource.callbackUrLs;
    if (callbackUrls !== undefined && Token.isUnresolved(callbackUrls)) {
      return;
    }
    const portalCallbacks = (callbackUrls ?? []).filter((url) => Token.isUnresolved(url) || WORKER_PORTAL_CALLBACK.test(url));
    if (portalCallbacks.length === 0) {
      Annotations.of(this).addWarningV2(
        'cdk-sagemaker-workteam:workerPortalCallback',
        `the app client '${client!.node.path}' has no callback URL of the worker portal: once the workforce exists, set its ` +
          'oAuth callbackUrls to https://<subDomain>/oauth2/idpresponse and logoutUrls to https://<subDomain>/logout ' +
          '(subDomain is the workforce attribute), otherwise the next update of the client removes the URLs SageMaker ' +
          'sets and workers can no longer sign in',
      );
    }
  }

  /**
   * A new security group allowing HTTPS from the VPC's CIDR block, and from its IPv6 blocks when the portal is
   * dual-stack; none (a problem) when the block is unknown.
   */
  private defaultSecurityGroups(vpc: ec2.IVpc, validator: Validator, ipv6Blocks: ec2.CfnVPCCidrBlock[] = []): ec2.ISecurityGroup[] {
    const cidrBlock = cidrBlockOf(vpc);
    if (cidrBlock === undefined) {
      validator.fail(
        'securityGroups',
        `none given, and the vpc '${vpc.node.path}' was imported without its CIDR block, which the default security group ` +
          '(HTTPS from the VPC) needs: give securityGroups, or import the vpc with its vpcCidrBlock',
      );
      return [];
    }
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: `Worker portal endpoints of the SageMaker workforce ${this.node.path}`,
      allowAllOutbound: false,
    });
    securityGroup.addIngressRule(ec2.Peer.ipv4(cidrBlock), ec2.Port.tcp(443), 'HTTPS to the worker portal from the VPC');
    ipv6Blocks.forEach((block, index) => {
      // The VPC's Ipv6CidrBlocks attribute lists a block once its VPCCidrBlock exists.
      securityGroup.node.addDependency(block);
      securityGroup.addIngressRule(
        ec2.Peer.ipv6(Fn.select(index, (vpc.node.defaultChild as ec2.CfnVPC).attrIpv6CidrBlocks)),
        ec2.Port.tcp(443),
        'HTTPS to the worker portal from the VPC over IPv6',
      );
    });
    return [securityGroup];
  }

  /** SageMaker allows one private workforce per account and region. */
  private validateOnePerRegion(): void {
    const registry = RegionalRegistry.of(this);
    const rank = registry.register('workforce', this);
    const first = registry.first('workforce', this)!;
    const environment = RegionalRegistry.environmentOf(this);
    this.node.addValidation({
      validate: () =>
        rank > MAX_WORKFORCES_PER_REGION
          ? [
            `the workforce '${first.node.path}' is already the private workforce of ${environment}; SageMaker allows one ` +
              'workforce per account and region: give its work teams that workforce',
          ]
          : [],
    });
  }
}

/** The worker portal's sign-in callback, on its `*.labeling.<region>.sagemaker.aws` host. */
const WORKER_PORTAL_CALLBACK = /^https:\/\/[^/]+\.labeling\.[a-z0-9-]+\.sagemaker\.aws\/oauth2\/idpresponse$/;

/** `arn:<partition>:sagemaker:<region>:<account>:workforce/<name>` */
function workforceArnOf(scope: Construct, workforceName: string): string {
  return Stack.of(scope).formatArn({
    service: 'sagemaker',
    resource: 'workforce',
    resourceName: workforceName,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
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
 * Beyond the API's pattern: an address and prefix that make a network, without the zone id
 * (`fe80::1%eth0`) the pattern lets through.
 */
function isCidr(value: string): boolean {
  const [address, prefix] = value.split('/');
  return isIPv4(address) ? Number(prefix) <= 32 : isIPv6(address) && !address.includes('%');
}

/** The VPC's CIDR block; undefined for a VPC imported without it, whose `vpcCidrBlock` throws. */
function cidrBlockOf(vpc: ec2.IVpc): string | undefined {
  try {
    return vpc.vpcCidrBlock;
  } catch {
    return undefined;
  }
}

function renderVpc(
  props: WorkforceProps,
  securityGroups: ec2.ISecurityGroup[],
  validator: Validator,
): CfnWorkforce.WorkforceVpcConfigRequestProperty {
  const subnetIds = props.vpc!.selectSubnets(props.vpcSubnets).subnetIds;
  validator.count('vpcSubnets', subnetIds, WORKFORCE_SUBNETS);
  if (props.securityGroups !== undefined) {
    validator.count('securityGroups', securityGroups, WORKFORCE_SECURITY_GROUPS);
  }
  validator.string('vpc id', props.vpc!.vpcId, VPC_ID);
  subnetIds.forEach((subnetId) => validator.string('vpcSubnets id', subnetId, SUBNET_ID));
  securityGroups.forEach((securityGroup) => validator.string('securityGroups id', securityGroup.securityGroupId, SECURITY_GROUP_ID));
  return {
    vpcId: props.vpc!.vpcId,
    subnets: subnetIds,
    securityGroupIds: securityGroups.map((securityGroup) => securityGroup.securityGroupId),
  };
}
