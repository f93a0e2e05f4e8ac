/**
 * Limits on the S3 presigned URLs through which workers of a work team see the data of their tasks
 * (SageMaker's `WorkerAccessConfiguration.S3Presign.IamPolicyConstraints`).
 */
export interface WorkerAccessConfiguration {
  /**
   * Adds the worker's IP address, as the worker portal sees it when it renders a task, to the IAM policy
   * condition of the S3 presigned URLs the worker gets: the URLs work only from that address.
   *
   * @default false
   */
  readonly restrictS3PresignedUrlsToSourceIp?: boolean;

  /**
   * Adds the worker's IP address inside the VPC of a VPC workforce to the IAM policy condition of the S3
   * presigned URLs: S3 then also checks that the URLs are used through an S3 VPC endpoint.
   *
   * @default false
   */
  readonly restrictS3PresignedUrlsToVpcSourceIp?: boolean;
}
