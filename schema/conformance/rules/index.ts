import type { SubgraphName } from '../../subgraphs';
import { COMMON_SDL_RULES } from '../common';
import type { Rule } from '../kit';
import { certificationRules } from './certification';
import { creditsRules } from './credits';
import { teachersRules } from './teachers';
import { trainingRules } from './training';

const BY_SUBGRAPH: Record<SubgraphName, Rule[]> = {
  teachers: teachersRules,
  training: trainingRules,
  credits: creditsRules,
  certification: certificationRules,
};

/** Every rule for one slice, in the order they run: SDL and trust first, then entities, then behaviour. */
export function rulesFor(subgraph: SubgraphName): Rule[] {
  return [...COMMON_SDL_RULES, ...BY_SUBGRAPH[subgraph]];
}
