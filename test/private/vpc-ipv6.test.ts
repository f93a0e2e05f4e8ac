import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Workforce, WorkforceIdentity, WorkforceIpAddressType } from '../../src';
import { ipv6CidrBlocksOf } from '../../src/private/vpc-ipv6';
import { OIDC_PROPS, testStack } from '../util';

const vpcOf = (stack: Stack, ipProtocol?: ec2.IpProtocol) =>
  new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, ipProtocol, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });

const dualStackWorkforce = (stack: Stack, vpc: ec2.IVpc) =>
  new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS), vpc, ipAddressType: WorkforceIpAddressType.DUAL_STACK });

describe('ipv6CidrBlocksOf', () => {
  test('is the IPv6 block of a dual-stack VPC, none of an IPv4 VPC, and unknown for an imported VPC', () => {
    const stack = testStack();
    const dualStack = vpcOf(stack, ec2.IpProtocol.DUAL_STACK);
    const ipv4 = new ec2.Vpc(stack, 'Ipv4', { maxAzs: 1, natGateways: 0 });

    expect(ipv6CidrBlocksOf(dualStack)).toHaveLength(1);
    expect(ipv6CidrBlocksOf(ipv4)).toEqual([]);
    expect(ipv6CidrBlocksOf(ec2.Vpc.fromVpcAttributes(stack, 'Imported', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a'] }))).toBeUndefined();
  });

  test('counts an IPv6 block added to the VPC elsewhere in the stack', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Ipv4', { maxAzs: 1, natGateways: 0 });
    new ec2.CfnVPCCidrBlock(stack, 'Ipv6', { vpcId: vpc.vpcId, amazonProvidedIpv6CidrBlock: true });
    new ec2.CfnVPCCidrBlock(stack, 'MoreIpv4', { vpcId: vpc.vpcId, cidrBlock: '10.1.0.0/16' });

    expect(ipv6CidrBlocksOf(vpc)).toHaveLength(1);
  });
});

describe('a dual-stack workforce in a VPC', () => {
  test('fails when the VPC of the app has no IPv6 block', () => {
    const stack = testStack();

    expect(() => dualStackWorkforce(stack, vpcOf(stack))).toThrow(
      /ipAddressType: DUAL_STACK needs a VPC with an IPv6 CIDR block, and the vpc 'Stack\/Vpc' has none: create it with ipProtocol: ec2\.IpProtocol\.DUAL_STACK/,
    );
  });

  test('gets a default security group open to HTTPS from the IPv4 and the IPv6 blocks of the VPC, created after the IPv6 block', () => {
    const stack = testStack();
    dualStackWorkforce(stack, vpcOf(stack, ec2.IpProtocol.DUAL_STACK));

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: Match.arrayWith([
        Match.objectLike({ CidrIp: { 'Fn::GetAtt': [Match.anyValue(), 'CidrBlock'] }, FromPort: 443, ToPort: 443 }),
        Match.objectLike({ CidrIpv6: { 'Fn::Select': [0, { 'Fn::GetAtt': [Match.anyValue(), 'Ipv6CidrBlocks'] }] }, FromPort: 443, ToPort: 443 }),
      ]),
    });
    const [securityGroup] = Object.values(template.findResources('AWS::EC2::SecurityGroup'));
    const [block] = Object.keys(template.findResources('AWS::EC2::VPCCidrBlock'));
    expect(securityGroup.DependsOn).toEqual(expect.arrayContaining([block]));
  });

  test('of IPv4 only gets no IPv6 rule, even in a dual-stack VPC', () => {
    const stack = testStack();
    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS), vpc: vpcOf(stack, ec2.IpProtocol.DUAL_STACK) });

    const [securityGroup] = Object.values(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroup'));
    expect(securityGroup.Properties.SecurityGroupIngress).toEqual([expect.not.objectContaining({ CidrIpv6: expect.anything() })]);
  });

  test('in an imported VPC is not judged: its blocks are unknown', () => {
    const stack = testStack();
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-0123456789abcdef0',
      vpcCidrBlock: '10.0.0.0/16',
      availabilityZones: ['us-east-1a'],
      privateSubnetIds: ['subnet-0123456789abcdef0'],
    });

    expect(() => dualStackWorkforce(stack, vpc)).not.toThrow();
  });
});
