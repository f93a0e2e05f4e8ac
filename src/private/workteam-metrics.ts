import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** The CloudWatch namespace of Ground Truth work team metrics (workteam-private-tracking). */
export const WORKTEAM_METRICS_NAMESPACE = 'AWS/SageMaker/Workteam';

/**
 * A metric of the `AWS/SageMaker/Workteam` namespace, summed, with only the dimensions the caller gives: AWS documents
 * the metric names of work teams (monitoring-cloudwatch, "SageMaker Ground Truth Metrics") but no dimension that
 * names a team, so none is invented.
 */
export function workteamMetric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: WORKTEAM_METRICS_NAMESPACE,
    metricName,
    statistic: cloudwatch.Stats.SUM,
    ...props,
  });
}

/** The options of `TimeSpent`, the one work team metric in seconds. */
export const TIME_SPENT_OPTIONS: cloudwatch.MetricOptions = { unit: cloudwatch.Unit.SECONDS };
