// training_config / training_metric storage: fine-tuning run definitions and the metrics a run reports.
import type { JsonObject } from '../../../../../shared/src/model/index.js';
import type { TrainingConfigRow, TrainingMetricRow } from '../../schema/rowtypes.js';

export type { TrainingConfigRow, TrainingMetricRow };

export interface NewTrainingConfig {
  name: string;
  baseModel: string;
  datasetPath: string;
  hyperparameters: JsonObject;
  createdBy: string;
}

export interface NewTrainingMetric {
  epoch: number;
  step: number;
  loss: number | null;
  metrics: JsonObject;
}

export interface TrainingRepository {
  /** UserError conflict when the name is taken */
  createConfig(c: NewTrainingConfig): Promise<TrainingConfigRow>;
  getConfig(id: number): Promise<TrainingConfigRow | undefined>;
  setStatus(id: number, status: string): Promise<TrainingConfigRow | undefined>;
  /** undefined when the config does not exist */
  addMetrics(configId: number, rows: NewTrainingMetric[]): Promise<number | undefined>;
  /** ordered by step */
  metrics(configId: number, opts?: { sinceStep?: number; limit?: number }): Promise<TrainingMetricRow[]>;
}
