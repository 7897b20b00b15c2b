import { validatePackage } from "../src/node/validate-package";

/** Every package a test writes goes through this: the schema (ajv, draft 2020-12) and the seal. */
export function expectValidPackage(doc: unknown): void {
  expect(validatePackage(doc)).toEqual([]);
}
