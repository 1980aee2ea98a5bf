/** The file the editor starts with: a Deployment and the Service in front of it. */
export const STARTER_PATH = 'app.yaml';

export const STARTER_YAML = `# Edit, then Apply (Ctrl/Cmd+Enter) to run: kubectl apply -f ~/app.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
  labels:
    app: hello
spec:
  replicas: 3
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
---
apiVersion: v1
kind: Service
metadata:
  name: hello
spec:
  selector:
    app: hello
  ports:
  - port: 80
    targetPort: 80
`;
