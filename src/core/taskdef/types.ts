/** A task definition as RegisterTaskDefinition takes it (JSON object, keys as in the ECS API). */
export type TaskDefinition = Record<string, unknown> & {
  family?: string;
  containerDefinitions?: ContainerDefinition[];
};

export type ContainerDefinition = Record<string, unknown> & {
  name?: string;
  image?: string;
};

export interface NameValue {
  name: string;
  value: string;
}

/** What to change in one container of the definition. */
export interface ContainerChange {
  name: string;
  image?: string;
  /** Variables to add or replace. */
  environment?: Record<string, string>;
  removeEnvironment?: string[];
  /** Secrets to add or replace: name -> valueFrom (Secrets Manager or SSM ARN). */
  secrets?: Record<string, string>;
  removeSecrets?: string[];
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  command?: string[];
  dockerLabels?: Record<string, string>;
  logConfiguration?: Record<string, unknown>;
}

/** Everything the action may change, on top of the source definition. */
export interface TaskChanges {
  containers: ContainerChange[];
  cpu?: string;
  memory?: string;
  taskRoleArn?: string;
  executionRoleArn?: string;
  /** Tags to add or replace on the registered revision. */
  tags?: Record<string, string>;
}

export interface Tag {
  key: string;
  value: string;
}
