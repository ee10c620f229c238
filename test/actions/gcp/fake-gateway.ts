// An in-memory GCP holding deny policies, allow policies and disabled flags, recording every call,
// for remediation tests that check what was asked and what rollback restores.
import type { AllowPolicyBody, DenyPolicyBody, GcpGateway } from '../../../src/actions/gcp/gateway.js';
import { denyPolicyName } from '../../../src/model/gcp/names.js';

export class FakeGcp implements GcpGateway {
  readonly denies = new Map<string, DenyPolicyBody>();
  readonly allow = new Map<string, AllowPolicyBody>();
  readonly disabled = new Map<string, boolean>();
  readonly calls: string[] = [];
  /** Throws on the n-th mutating call (simulates a crash). */
  failOn?: string;

  async getDenyPolicy(name: string) {
    this.calls.push(`getDenyPolicy ${name}`);
    return this.denies.get(name);
  }
  async createDenyPolicy(attachmentPoint: string, policyId: string, body: DenyPolicyBody) {
    this.calls.push(`createDenyPolicy ${policyId}`);
    if (this.failOn === 'createDenyPolicy') throw new Error('injected failure');
    this.denies.set(denyPolicyName(attachmentPoint, policyId), structuredClone(body));
  }
  async deleteDenyPolicy(name: string) {
    this.calls.push(`deleteDenyPolicy ${name}`);
    this.denies.delete(name);
  }
  async getIamPolicy(resource: string) {
    this.calls.push(`getIamPolicy ${resource}`);
    return structuredClone(this.allow.get(resource) ?? { version: 1, bindings: [] });
  }
  async setIamPolicy(resource: string, policy: AllowPolicyBody) {
    this.calls.push(`setIamPolicy ${resource}`);
    this.allow.set(resource, structuredClone(policy));
  }
  async isDisabled(name: string) {
    return this.disabled.get(name) ?? false;
  }
  async setDisabled(name: string, disabled: boolean) {
    this.calls.push(`${disabled ? 'disable' : 'enable'} ${name}`);
    this.disabled.set(name, disabled);
  }
  close() {}
}
