{{/*
Chart name, truncated to 63 characters because some Kubernetes name fields are limited to that.
*/}}
{{- define "ftp-gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full resource name: release name plus chart name, unless the release name already contains it.
*/}}
{{- define "ftp-gateway.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "ftp-gateway.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every object.
*/}}
{{- define "ftp-gateway.labels" -}}
helm.sh/chart: {{ include "ftp-gateway.chart" . }}
{{ include "ftp-gateway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ftp-gateway
{{- end }}

{{/*
Labels that select the pods; they must never change after the first install.
*/}}
{{- define "ftp-gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ftp-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Name of the ServiceAccount the pods run as.
*/}}
{{- define "ftp-gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ftp-gateway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
"true" in demo mode: neither ftp.host nor any named server, so the application serves a scratch
folder through its embedded FTP server; empty otherwise.
*/}}
{{- define "ftp-gateway.demo" -}}
{{- if not (or .Values.ftp.host .Values.servers) }}true{{ end }}
{{- end }}

{{/*
A named server's environment variable prefix: partner-a becomes FTP_GATEWAY_SERVERS_PARTNER_A_,
as the application reads them (see README, "Several FTP servers").
*/}}
{{- define "ftp-gateway.serverPrefix" -}}
FTP_GATEWAY_SERVERS_{{ . | upper | replace "-" "_" }}_
{{- end }}

{{/*
Whether any server's FTPS trusts a CA bundle given in values: "true" or empty.
*/}}
{{- define "ftp-gateway.anyCaBundle" -}}
{{- $any := .Values.ftp.tls.caBundle -}}
{{- range $name, $server := .Values.servers }}
{{- if and $server.tls $server.tls.caBundle }}{{ $any = true }}{{ end }}
{{- end }}
{{- if $any }}true{{ end }}
{{- end }}

{{/*
Secret holding the FTP password: the operator's existingSecret or the one this chart creates.
Empty when there is no password to pass at all.
*/}}
{{- define "ftp-gateway.secretName" -}}
{{- if .Values.ftp.existingSecret }}
{{- .Values.ftp.existingSecret }}
{{- else if .Values.ftp.password }}
{{- include "ftp-gateway.fullname" . }}
{{- end }}
{{- end }}

{{/*
Key of the password inside that Secret.
*/}}
{{- define "ftp-gateway.secretPasswordKey" -}}
{{- if .Values.ftp.existingSecret }}
{{- .Values.ftp.existingSecretPasswordKey }}
{{- else -}}
ftp-password
{{- end }}
{{- end }}

{{/*
Pods the gateway may run at most: what the FTP server must accept is this times pool.maxTotal.
*/}}
{{- define "ftp-gateway.maxReplicas" -}}
{{- if .Values.autoscaling.enabled }}
{{- .Values.autoscaling.maxReplicas }}
{{- else }}
{{- .Values.replicaCount }}
{{- end }}
{{- end }}

{{/*
The container port /actuator answers on: "management" when managementPort is set (then /actuator
is there only, open without credentials), otherwise "http".
*/}}
{{- define "ftp-gateway.actuatorPort" -}}
{{- if .Values.managementPort }}management{{ else }}http{{ end }}
{{- end }}
