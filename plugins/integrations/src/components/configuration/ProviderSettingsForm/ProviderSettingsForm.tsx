import {
  JsonSchema,
  ValidationIssue,
} from '@internal/plugin-integrations-common';
import { Form } from '@rjsf/material-ui';
import { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { memo, useMemo } from 'react';

export interface ProviderSettingsFormProps {
  /** The template's JSON Schema of `featureConfig.featureSettings`. */
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  /** Problems with these settings, with paths relative to them. */
  issues: ValidationIssue[];
  disabled?: boolean;
}

const uiSchema: UiSchema = {
  'ui:submitButtonOptions': { norender: true },
};

/**
 * The problems as rjsf shows them under each field. Validation is not rjsf's
 * own: the same rules as the backend's decide, so the messages match the API's.
 */
function toErrorSchema(issues: ValidationIssue[]): ErrorSchema {
  const root: ErrorSchema = {};
  for (const issue of issues) {
    let node: Record<string, any> = root;
    for (const key of issue.path.split('.').filter(Boolean)) {
      node[key] = node[key] ?? {};
      node = node[key];
    }
    node.__errors = [...(node.__errors ?? []), issue.message];
  }
  return root;
}

/**
 * The JSON Schema as rjsf's draft-07 validator compiles it; zod writes the
 * 2020-12 `$schema` marker, which that validator does not know.
 */
function toFormSchema(schema: JsonSchema): RJSFSchema {
  const { $schema: _dialect, ...rest } = schema;
  return rest as RJSFSchema;
}

function ProviderSettingsFormFields(props: ProviderSettingsFormProps) {
  const { schema, value, onChange, issues, disabled } = props;
  const formSchema = useMemo(() => toFormSchema(schema), [schema]);
  const extraErrors = useMemo(() => toErrorSchema(issues), [issues]);

  return (
    <Form
      tagName="div"
      schema={formSchema}
      uiSchema={uiSchema}
      formData={value}
      validator={validator}
      noValidate
      showErrorList={false}
      extraErrors={extraErrors}
      disabled={disabled}
      onChange={event => onChange(event.formData ?? {})}
    />
  );
}

/**
 * The provider's own settings, as a form generated from its template's schema.
 * Memoized: generating the form is the costly part of every keystroke elsewhere.
 */
export const ProviderSettingsForm = memo(ProviderSettingsFormFields);
