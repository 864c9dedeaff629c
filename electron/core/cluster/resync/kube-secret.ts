/** A Secret as the API returns it; only the fields the re-sync reads or writes back are typed. */
export interface KubeSecret {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly uid?: string;
    readonly resourceVersion?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly deletionTimestamp?: string;
    readonly managedFields?: readonly unknown[];
    readonly [field: string]: unknown;
  };
  readonly type?: string;
  readonly data?: Readonly<Record<string, string>>;
  readonly immutable?: boolean;
}
