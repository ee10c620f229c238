/**
 * Every privilege-escalation method Cordon checks, as data. Ids and permission sets follow the
 * pathfinding.cloud catalogue (DataDog, Apache-2.0; `../shared/corpora/pathfinding/`, commit
 * 84dd65c), which includes Rhino Security Labs' 21 methods and BishopFox iam-vulnerable's
 * scenarios; `cordon-NNN` methods are additions documented here. Ids are stable: deprecate,
 * never renumber.
 */
import type { EscalationMethod } from './method-types.js';
import { EXISTING_PASSROLE } from './methods/existing-passrole.js';
import { NEW_PASSROLE } from './methods/new-passrole.js';
import { NEW_PASSROLE_ECS_TO_SAGEMAKER } from './methods/new-passrole-ecs-to-sagemaker.js';
import { CREATE_PRINCIPAL, PRINCIPAL_ACCESS } from './methods/principal-access.js';
import { SELF_ESCALATION } from './methods/self-escalation.js';

/**
 * Every method, in table order: the search picks, among a principal's edges into one node, the
 * first method of this list, so the order is part of the findings' stability.
 */
export const ESCALATION_METHODS: readonly EscalationMethod[] = [...SELF_ESCALATION, ...PRINCIPAL_ACCESS, ...NEW_PASSROLE, ...NEW_PASSROLE_ECS_TO_SAGEMAKER, ...EXISTING_PASSROLE, ...CREATE_PRINCIPAL];
