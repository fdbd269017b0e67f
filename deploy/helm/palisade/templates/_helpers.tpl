{{/*
Names are fixed, as in `palisade webhook manifests`: `palisade webhook certs --service
palisade-webhook` signs for this Service name, and the webhook configurations are cluster-wide
(one install per cluster).
*/}}
{{- define "palisade.name" -}}
palisade-webhook
{{- end -}}

{{- define "palisade.namespace" -}}
{{- $ns := .Values.namespace.name | default .Release.Namespace -}}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" $ns) -}}
{{- fail (printf "namespace %q is not a valid namespace name (lowercase letters, digits and -)" $ns) -}}
{{- end -}}
{{- if gt (len $ns) 63 -}}
{{- fail (printf "namespace %q is longer than 63 characters" $ns) -}}
{{- end -}}
{{- $ns -}}
{{- end -}}

{{/* Selector labels: the same as the generated manifests, never changed by the release. */}}
{{- define "palisade.selectorLabels" -}}
app.kubernetes.io/name: palisade-webhook
app.kubernetes.io/part-of: palisade
{{- end -}}

{{/* Object labels: the selector labels plus Helm's (the documented difference). */}}
{{- define "palisade.labels" -}}
{{ include "palisade.selectorLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" | quote }}
{{- end -}}

{{- define "palisade.image" -}}
{{- $ref := printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- if .Values.image.digest -}}
{{- $ref = printf "%s@%s" $ref .Values.image.digest -}}
{{- end -}}
{{- $ref -}}
{{- end -}}

{{/* A CEL list literal of strings: ['a', 'b'] with \ and ' escaped. */}}
{{- define "palisade.celList" -}}
{{- $items := list -}}
{{- range . -}}
{{- $items = append $items (printf "'%s'" (. | replace "\\" "\\\\" | replace "'" "\\'")) -}}
{{- end -}}
[{{ join ", " $items }}]
{{- end -}}

{{/*
The resources the webhook is sent: those targeted by some rule that runs at admission, as
computed by admissionResources() in src/webhook/manifests.ts for the rules of this release.
test/helm-chart.test.ts fails (and prints the new list) when the rules change it.
*/}}
{{- define "palisade.admissionResources" -}}
- authenticationconfigurations
- authorizationconfigurations
- clusterconfigurations
- clusterrolebindings
- clusterroles
- configmaps
- configs
- cronjobs
- daemonsets
- deployments
- destinationrules
- encryptionconfigurations
- horizontalpodautoscalers
- ingresses
- jobs
- kubeletconfigurations
- namespaces
- networkpolicies
- peerauthentications
- poddisruptionbudgets
- pods
- podtemplates
- policies
- replicasets
- replicationcontrollers
- rolebindings
- roles
- secrets
- services
- statefulsets
- storageclasses
- verticalpodautoscalers
{{- end -}}

{{/*
Checks across values that the schema cannot express with a clear message. Rendering fails
rather than installing a webhook the API server cannot call.
*/}}
{{- define "palisade.validate" -}}
{{- $ns := include "palisade.namespace" . -}}
{{- if and .Values.namespace.create (eq $ns .Release.Namespace) -}}
{{- fail (printf "namespace.create renders Namespace %s, but the release itself is stored in %s before anything is created: install the release in another namespace (e.g. helm -n default --set namespace.name=%s --set namespace.create=true), or leave namespace.create false and use --create-namespace" $ns $ns $ns) -}}
{{- end -}}
{{- if and .Values.certManager.enabled .Values.tls.caBundle -}}
{{- fail "tls.caBundle and certManager.enabled exclude each other: cert-manager injects the CA of the certificate it issues" -}}
{{- end -}}
{{- if and .Values.tls.caBundle (not (contains "-----BEGIN CERTIFICATE-----" .Values.tls.caBundle)) -}}
{{- fail "tls.caBundle is not a PEM certificate (pass ca.crt from `palisade webhook certs`, e.g. --set-file tls.caBundle=certs/ca.crt)" -}}
{{- end -}}
{{- if not (or .Values.tls.caBundle .Values.certManager.enabled .Values.tls.caBundleInjected) -}}
{{- fail "no CA for the webhook: set tls.caBundle (--set-file tls.caBundle=certs/ca.crt after `palisade webhook certs --out certs --service palisade-webhook --namespace NS`), or certManager.enabled=true, or tls.caBundleInjected=true if something else fills caBundle. Without one the API server cannot call the webhook, and its failurePolicy Fail denies every create and update it covers" -}}
{{- end -}}
{{- end -}}

{{/* One webhook entry; dict "root" $ "kind" ("validate" or "mutate"). */}}
{{- define "palisade.webhook" -}}
{{- $root := .root -}}
{{- $kind := .kind -}}
{{- $ns := include "palisade.namespace" $root -}}
{{- /* As in the webhook itself: a list given in config replaces the default (kube-system). */ -}}
{{- $exemptNs := dig "webhook" "exempt" "namespaces" (list "kube-system") $root.Values.config -}}
{{- $users := dig "webhook" "exempt" "users" (list) $root.Values.config -}}
{{- $groups := dig "webhook" "exempt" "groups" (list) $root.Values.config -}}
- name: {{ $kind }}.palisade.dev
  admissionReviewVersions:
    - v1
  sideEffects: None
  timeoutSeconds: {{ $root.Values.admission.timeoutSeconds }}
  {{- if eq $kind "validate" }}
  failurePolicy: {{ $root.Values.admission.failurePolicy }}
  {{- else }}
  failurePolicy: Ignore
  reinvocationPolicy: IfNeeded
  {{- end }}
  matchPolicy: Equivalent
  clientConfig:
    service:
      name: {{ include "palisade.name" $root }}
      namespace: {{ $ns }}
      path: /{{ $kind }}
      port: 443
    {{- with $root.Values.tls.caBundle }}
    caBundle: {{ b64enc . }}
    {{- end }}
  rules:
    - operations:
        - CREATE
        - UPDATE
      apiGroups:
        - "*"
      apiVersions:
        - "*"
      resources:
        {{- include "palisade.admissionResources" $root | nindent 8 }}
      scope: "*"
  namespaceSelector:
    matchExpressions:
      - key: kubernetes.io/metadata.name
        operator: NotIn
        values:
          {{- range (append $exemptNs $ns | uniq) }}
          - {{ . | toJson }}
          {{- end }}
  matchConditions:
    # Kubelets create mirror pods of static pods; denying those hides running pods from the API.
    - name: not-a-node
      expression: "!request.userInfo.username.startsWith('system:node:')"
    {{- with $users }}
    - name: not-an-exempt-user
      expression: {{ printf "!(request.userInfo.username in %s)" (include "palisade.celList" .) | toJson }}
    {{- end }}
    {{- with $groups }}
    - name: not-an-exempt-group
      expression: {{ printf "!request.userInfo.groups.exists(g, g in %s)" (include "palisade.celList" .) | toJson }}
    {{- end }}
{{- end -}}

{{/* Annotations of the webhook configurations: cert-manager's CA injection plus admission.annotations. */}}
{{- define "palisade.webhookAnnotations" -}}
{{- $a := dict -}}
{{- if .Values.certManager.enabled -}}
{{- $_ := set $a "cert-manager.io/inject-ca-from" (printf "%s/%s" (include "palisade.namespace" .) (include "palisade.name" .)) -}}
{{- end -}}
{{- $a = merge $a .Values.admission.annotations -}}
{{- with $a -}}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end -}}
{{- end -}}
