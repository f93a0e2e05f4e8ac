import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnWorkforce } from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { SECURITY_GROUP_ID, SUBNET_ID, VPC_ID, WORKFORCE_SECURITY_GROUPS, WORKFORCE_SUBNETS } from './rules';
import { Validator } from './validation';

/**
 * The security group of a VPC workforce given none: a new one (`<workforce>/SecurityGroup`) allowing HTTPS from the
 * VPC's CIDR block, and from its IPv6 blocks when the portal is dual-stack; none (a problem) when the block is unknown.
 */
export function defaultPortalSecurityGroups(
  workforce: Construct,
  vpc: ec2.IVpc,
  validator: Validator,
  ipv6Blocks: ec2.CfnVPCCidrBlock[] = [],
): ec2.ISecurityGroup[] {
  const cidrBlock = cidrBlockOf(vpc);
  if (cidrBlock === undefined) {
    validator.fail(
      'securityGroups',
      `none given, and the vpc '${vpc.node.path}' was imported without its CIDR block, which the default security group ` +
        '(HTTPS from the VPC) needs: give securityGroups, or import the vpc with its vpcCidrBlock',
    );
    return [];
  }
  const securityGroup = new ec2.SecurityGroup(workforce, 'SecurityGroup', {
    vpc,
    description: `Worker portal endpoints of the SageMaker workforce ${workforce.node.path}`,
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

/**
 * The VPC's CIDR block; undefined for a VPC imported without it, whose `vpcCidrBlock` throws.
 *
 * The getter is the only public way to know: aws-cdk-lib's imported VPC (`Vpc.fromVpcAttributes`) keeps the block in a
 * field of an unexported class and offers no `tryGet`, so the check catches the getter's error (and only reads it).
 */
function cidrBlockOf(vpc: ec2.IVpc): string | undefined {
  try {
    return vpc.vpcCidrBlock;
  } catch {
    return undefined;
  }
}

/** The VPC configuration of a workforce: the VPC, the selected subnets and the security groups, checked. */
export function renderWorkforceVpc(
  vpc: ec2.IVpc,
  vpcSubnets: ec2.SubnetSelection | undefined,
  givenSecurityGroups: ec2.ISecurityGroup[] | undefined,
  securityGroups: ec2.ISecurityGroup[],
  validator: Validator,
): CfnWorkforce.WorkforceVpcConfigRequestProperty {
  const subnetIds = vpc.selectSubnets(vpcSubnets).subnetIds;
  validator.count('vpcSubnets', subnetIds, WORKFORCE_SUBNETS);
  if (givenSecurityGroups !== undefined) {
    validator.count('securityGroups', securityGroups, WORKFORCE_SECURITY_GROUPS);
  }
  validator.string('vpc id', vpc.vpcId, VPC_ID);
  subnetIds.forEach((subnetId) => validator.string('vpcSubnets id', subnetId, SUBNET_ID));
  securityGroups.forEach((securityGroup) => validator.string('securityGroups id', securityGroup.securityGroupId, SECURITY_GROUP_ID));
  return {
    vpcId: vpc.vpcId,
    subnets: subnetIds,
    securityGroupIds: securityGroups.map((securityGroup) => securityGroup.securityGroupId),
  };
}
