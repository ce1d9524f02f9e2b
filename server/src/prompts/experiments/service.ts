// A/B experiments on a prompt: create, assign users to versions, read results, promote the winner.
// While an experiment runs, `versionFor(prompt, user)` is what dispatch calls instead of the deployed
// version; the execution is recorded with the experiment id so results can be computed from history.
import type { Assignment, Experiment, ExperimentCreate, ExperimentResults, PromoteBody } from '../../../../shared/src/api/prompts.js';
import type { ExperimentRow, PromptVersionRow } from '../../db/repositories/prompts/types.js';
import { UserError } from '../../util/errors.js';
import { experimentDto } from '../dto.js';
import type { PromptService } from '../service.js';
import { assignVariant } from './assign.js';
import { experimentResults } from './results.js';

export interface VersionChoice {
  version: PromptVersionRow;
  /** set when the version was chosen by a running experiment; record it with the execution */
  experimentId: number | null;
}

export class ExperimentService {
  constructor(private readonly prompts: PromptService) {}

  private get repo() {
    return this.prompts.repos.prompts;
  }

  async get(id: number): Promise<ExperimentRow> {
    const e = await this.repo.getExperiment(id);
    if (!e) throw new UserError('not_found', `No experiment with id ${id}.`, { hint: 'List a prompt’s experiments with GET /api/prompts/{id}/experiments.' });
    return e;
  }

  async create(promptIdOrName: number | string, b: ExperimentCreate): Promise<Experiment> {
    const p = await this.prompts.resolve(promptIdOrName);
    if (b.variants.length < 2) throw new UserError('validation_failed', 'An experiment needs at least two variants.', { details: { field: 'variants' } });
    const seen = new Set<number>();
    for (const v of b.variants) {
      if (!(v.weight > 0) || !Number.isFinite(v.weight)) {
        throw new UserError('validation_failed', `Variant for version id ${v.version_id} has weight ${v.weight}; weights must be positive numbers.`, { details: { field: 'variants' } });
      }
      if (seen.has(v.version_id)) throw new UserError('validation_failed', `Version id ${v.version_id} appears twice in the variants.`, { details: { field: 'variants' } });
      seen.add(v.version_id);
      const version = await this.repo.getVersion(v.version_id);
      if (!version || version.promptId !== p.id) {
        throw new UserError('validation_failed', `Version id ${v.version_id} is not a version of prompt '${p.name}'.`, { details: { field: 'variants' } });
      }
    }
    const running = await this.repo.runningExperiment(p.id);
    if (running) {
      throw new UserError('conflict', `Prompt '${p.name}' already runs experiment ${running.id} ('${running.name}').`, {
        hint: `Promote or stop it first (POST /api/experiments/${running.id}/promote or /stop).`,
      });
    }
    const e = await this.repo.createExperiment({ promptId: p.id, name: b.name.trim(), variants: b.variants.map((v) => ({ version_id: v.version_id, weight: v.weight })) });
    this.prompts.emit({ prompt_id: p.id, name: p.name, kind: 'experiment' });
    return experimentDto(e);
  }

  async list(promptIdOrName: number | string): Promise<Experiment[]> {
    const p = await this.prompts.resolve(promptIdOrName);
    return (await this.repo.listExperiments(p.id)).map(experimentDto);
  }

  async assign(id: number, userId: string): Promise<Assignment> {
    const e = await this.get(id);
    const v = assignVariant(e.id, e.variants, userId);
    const version = await this.prompts.getVersion(v.version_id);
    return { experiment_id: e.id, user_id: userId, version_id: version.id, version_number: version.versionNumber };
  }

  /**
   * The version to run for a user: the experiment's assignment while one runs on the prompt (and a user is
   * known), otherwise the deployed version.
   */
  async versionFor(promptIdOrName: number | string, userId?: string): Promise<VersionChoice> {
    const p = await this.prompts.resolve(promptIdOrName);
    if (userId) {
      const e = await this.repo.runningExperiment(p.id);
      if (e) {
        const v = assignVariant(e.id, e.variants, userId);
        const version = await this.repo.getVersion(v.version_id);
        if (version) return { version, experimentId: e.id };
      }
    }
    return { version: await this.prompts.getDeployedVersion(p.id), experimentId: null };
  }

  async results(id: number): Promise<ExperimentResults> {
    const e = await this.get(id);
    const [samples, versions] = await Promise.all([this.repo.experimentSamples(id), this.repo.listVersions(e.promptId)]);
    return experimentResults(e, samples, new Map(versions.map((v) => [v.id, v.versionNumber])));
  }

  /** deploys the winner (given, or the leader) and ends the experiment, in one transaction */
  async promote(id: number, b: PromoteBody): Promise<ExperimentResults> {
    const e = await this.get(id);
    if (e.status !== 'running') throw new UserError('conflict', `Experiment ${id} has already ended.`);
    let winner = b.version_id;
    if (winner === undefined) {
      const r = await this.results(id);
      if (r.leader_version_id === null) {
        throw new UserError('conflict', `Experiment ${id} has no executions yet, so there is no winner to promote.`, { hint: 'Pass version_id to choose one.' });
      }
      winner = r.leader_version_id;
    }
    if (!e.variants.some((v) => v.version_id === winner)) {
      throw new UserError('validation_failed', `Version id ${winner} is not a variant of experiment ${id}.`, { details: { field: 'version_id' } });
    }
    const ended = await this.repo.endExperiment(id, winner);
    if (!ended) throw new UserError('conflict', `Experiment ${id} ended while it was being promoted.`);
    const p = await this.prompts.resolve(e.promptId);
    this.prompts.emit({ prompt_id: p.id, name: p.name, kind: 'deployed', version_id: winner });
    return this.results(id);
  }

  /** ends the experiment without deploying anything */
  async stop(id: number): Promise<Experiment> {
    const ended = await this.repo.endExperiment(id, null);
    if (!ended) {
      await this.get(id);
      throw new UserError('conflict', `Experiment ${id} has already ended.`);
    }
    const p = await this.prompts.resolve(ended.promptId);
    this.prompts.emit({ prompt_id: p.id, name: p.name, kind: 'experiment' });
    return experimentDto(ended);
  }
}
