/** `tenant_42`, `global_corpus`, `tenant_42@v2`. Lower case so names never differ by case alone. */
export const COLLECTION_NAME = /^[a-z0-9_]{1,64}(@v[0-9]+)?$/;

/** An alias: the name readers use, without a version (`tenant_42` → serves `tenant_42@v2`). */
export const ALIAS_NAME = /^[a-z0-9_]{1,64}$/;
