import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * The IPv6 CIDR blocks (AWS::EC2::VPCCidrBlock with an IPv6 block) of a VPC defined in this app, such as the one
 * `ec2.Vpc` adds with `ipProtocol: DUAL_STACK`; undefined for an imported VPC, whose blocks are unknown.
 */
export function ipv6CidrBlocksOf(vpc: ec2.IVpc): ec2.CfnVPCCidrBlock[] | undefined {
  if (!(vpc.node.defaultChild instanceof ec2.CfnVPC)) {
    return undefined;
  }
  return Stack.of(vpc)
    .node.findAll()
    .filter((construct): construct is ec2.CfnVPCCidrBlock => construct instanceof ec2.CfnVPCCidrBlock && construct.vpcId === vpc.vpcId)
    .filter((block) => block.amazonProvidedIpv6CidrBlock || [block.ipv6CidrBlock, block.ipv6Pool, block.ipv6IpamPoolId].some(isDefined));
}

function isDefined(value: unknown): boolean {
  return value !== undefined;
}
