// PeerMentor365 in Azure: a Flex Consumption Function App running the ASP.NET Core backend as a custom
// handler, with identity-only storage (host, package and the app's tables). The Entra app registration is made by an admin with
// the provisioning command (tools/PeerMentor365.Provisioning), which writes these parameters to infra/<name>.bicepparam: docs/entra-setup.md.
// Compiled and linted by the tests (Hosting/BicepTests.cs) with the Bicep CLI restored from NuGet: no errors, no warnings.

@description('Base name for the resources (letters and digits).')
param name string = 'peermentor365'

param location string = resourceGroup().location

@description('Entra tenant whose users sign in.')
param tenantId string = tenant().tenantId

@description('Application (client) id of the PeerMentor365 API registration.')
param apiClientId string

@description('Audience of access tokens for the API (its application id URI).')
param apiAudience string

@description('Tenant ids (comma-separated) whose users may sign in; empty allows only tenantId. See docs/entra-setup.md.')
param allowedTenantIds string = ''

@description('Origin that serves the pane, for CORS (the Functions platform answers preflights itself).')
param paneOrigin string = 'https://${name}.azurewebsites.net'

// 'st' + the name without dashes + a hash of the resource group, lower case, at most 24 characters. The literal prefix
// stays outside take() so the compiler knows the name is long enough (3-24 characters) for a storage account.
var storageName = 'st${toLower(take('${replace(name, '-', '')}${uniqueString(resourceGroup().id)}', 22))}'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${name}'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    defaultToOAuthAuthentication: true
  }
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  name: '${storage.name}/default/app-package'
}

var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
  location: location
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

// Exactly the settings the app reads (docs/settings.md); ARM replaces app settings wholesale.
var appSettings = [
  { name: 'AzureWebJobsStorage__accountName', value: storage.name }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
  { name: 'Storage__ManagedIdentityClientId', value: identity.properties.clientId }
  { name: 'Storage__TableEndpoint', value: storage.properties.primaryEndpoints.table }
  { name: 'Graph__Mode', value: 'Entra' }
  { name: 'Auth__TenantId', value: tenantId }
  { name: 'Auth__ClientId', value: apiClientId }
  { name: 'Auth__Audience', value: apiAudience }
  // On-behalf-of without a secret: this identity's token is the client assertion of the app registration, which
  // carries a federated credential for it (docs/entra-setup.md, step 5). No Auth__ClientSecret in Azure.
  { name: 'Auth__FederatedIdentityClientId', value: identity.properties.clientId }
  { name: 'Auth__AllowedTenantIds', value: allowedTenantIds }
]

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identity.id}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      // The platform answers CORS preflights before the app sees them; bearer tokens, never cookies (docs/security.md).
      cors: { allowedOrigins: [ paneOrigin ], supportCredentials: false }
      appSettings: appSettings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}app-package'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identity.id }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 2048
        maximumInstanceCount: 40
      }
      runtime: { name: 'custom', version: '1.0' }
    }
  }
  dependsOn: [ blobOwner, tableContributor, packages ]
}

output functionAppName string = app.name
@description('Subject of the federated credential to add to the API app registration (the identity\'s object id).')
output federatedCredentialSubject string = identity.properties.principalId
@description('Issuer of that federated credential.')
output federatedCredentialIssuer string = '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
output paneUrl string = 'https://${app.properties.defaultHostName}/api/pane/'
