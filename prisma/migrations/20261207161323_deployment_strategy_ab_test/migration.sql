-- AlterEnum
ALTER TYPE "DeploymentStrategy" ADD VALUE 'ab_test';
