import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { aws_sagemaker as sagemakerRefs } from 'aws-cdk-lib/interfaces';
import { workteamArnOf } from './private/workteam-reference';

/**
 * Permissions on a work team, for IAM principals.
 *
 * Actions, resource types and condition keys are those of the Service Authorization Reference for
 * SageMaker: DescribeWorkteam and UpdateWorkteam act on the `workteam` resource; CreateLabelingJob and
 * CreateFlowDefinition act on the new job or flow definition and take the `sagemaker:WorkteamArn`
 * condition key, which names the work team the job sends tasks to.
 */
export class WorkteamGrants {
  /**
   * The grants of a work team.
   */
  public static fromWorkteam(workteam: sagemakerRefs.IWorkteamRef): WorkteamGrants {
    return new WorkteamGrants(workteam);
  }

  private constructor(private readonly workteam: sagemakerRefs.IWorkteamRef) {}

  /**
   * Grants the given actions on this work team.
   */
  public actions(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [workteamArnOf(this.workteam)] });
  }

  /**
   * Grants reading the work team's description (`sagemaker:DescribeWorkteam`).
   */
  public describe(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ['sagemaker:DescribeWorkteam']);
  }

  /**
   * Grants changing the work team's members, description and notifications (`sagemaker:UpdateWorkteam`),
   * and reading them.
   */
  public update(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ['sagemaker:DescribeWorkteam', 'sagemaker:UpdateWorkteam']);
  }

  /**
   * Grants creating Ground Truth labeling jobs that send their tasks to this work team, and to no other
   * (`sagemaker:CreateLabelingJob` on labeling jobs, with `sagemaker:WorkteamArn` equal to this team's ARN).
   */
  public createLabelingJobs(grantee: iam.IGrantable): iam.Grant {
    return this.onJobsOfThisTeam(grantee, 'sagemaker:CreateLabelingJob', 'labeling-job');
  }

  /**
   * Grants creating Augmented AI flow definitions (human review workflows) that send their tasks to this
   * work team, and to no other (`sagemaker:CreateFlowDefinition` with `sagemaker:WorkteamArn` equal to this
   * team's ARN).
   */
  public createFlowDefinitions(grantee: iam.IGrantable): iam.Grant {
    return this.onJobsOfThisTeam(grantee, 'sagemaker:CreateFlowDefinition', 'flow-definition');
  }

  private onJobsOfThisTeam(grantee: iam.IGrantable, action: string, resource: string): iam.Grant {
    // Jobs run in the team's account and region: a job may only use a work team of its region.
    const jobs = Stack.of(this.workteam).formatArn({
      service: 'sagemaker',
      resource,
      resourceName: '*',
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      account: this.workteam.env.account,
      region: this.workteam.env.region,
    });
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [action],
      resourceArns: [jobs],
      conditions: { ArnEquals: { 'sagemaker:WorkteamArn': workteamArnOf(this.workteam) } },
    });
  }
}
