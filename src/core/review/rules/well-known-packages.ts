/**
 * A small list of very popular package names per ecosystem. A new dependency one or two edits away from one of these
 * (and not itself on the list) is a typosquat candidate: invented names recur and get registered by attackers.
 */
import type { Ecosystem } from '../types';

export const WELL_KNOWN_PACKAGES: Readonly<Record<Ecosystem, readonly string[]>> = {
  npm: [
    'react', 'react-dom', 'vue', 'angular', 'svelte', 'next', 'nuxt', 'express', 'koa', 'fastify', 'hapi', 'lodash',
    'underscore', 'axios', 'node-fetch', 'request', 'moment', 'dayjs', 'date-fns', 'chalk', 'commander', 'yargs',
    'debug', 'dotenv', 'uuid', 'nanoid', 'classnames', 'jquery', 'typescript', 'webpack', 'rollup', 'vite', 'esbuild',
    'babel-core', 'eslint', 'prettier', 'jest', 'mocha', 'chai', 'sinon', 'vitest', 'cypress', 'playwright',
    'puppeteer', 'mongoose', 'sequelize', 'typeorm', 'prisma', 'knex', 'pg', 'mysql', 'mysql2', 'redis', 'ioredis',
    'socket.io', 'ws', 'body-parser', 'cors', 'helmet', 'jsonwebtoken', 'bcrypt', 'bcryptjs', 'passport', 'rxjs',
    'redux', 'zod', 'joi', 'yup', 'ajv', 'graphql', 'apollo-server', 'electron', 'tailwindcss', 'postcss', 'sass',
    'glob', 'minimist', 'semver', 'rimraf', 'mkdirp', 'fs-extra', 'cross-env', 'nodemon', 'concurrently', 'colors',
    'inquirer', 'ora', 'execa', 'got', 'superagent', 'cheerio', 'marked', 'highlight.js', 'three', 'd3', 'chart.js',
    'immer', 'mobx', 'styled-components', 'winston', 'pino', 'morgan', 'multer', 'sharp', 'openai', 'diff',
  ],
  pypi: [
    'requests', 'urllib3', 'numpy', 'pandas', 'scipy', 'matplotlib', 'seaborn', 'scikit-learn', 'tensorflow', 'torch',
    'keras', 'flask', 'django', 'fastapi', 'uvicorn', 'gunicorn', 'starlette', 'pydantic', 'sqlalchemy', 'alembic',
    'psycopg2', 'psycopg2-binary', 'pymysql', 'redis', 'celery', 'boto3', 'botocore', 'awscli', 'pyyaml', 'jinja2',
    'click', 'typer', 'rich', 'colorama', 'tqdm', 'pytest', 'pytest-cov', 'mock', 'tox', 'black', 'flake8', 'pylint',
    'mypy', 'isort', 'ruff', 'setuptools', 'wheel', 'pip', 'six', 'attrs', 'python-dateutil', 'pytz', 'certifi',
    'idna', 'chardet', 'charset-normalizer', 'cryptography', 'pyopenssl', 'paramiko', 'beautifulsoup4', 'lxml',
    'scrapy', 'selenium', 'pillow', 'opencv-python', 'httpx', 'aiohttp', 'websockets', 'grpcio', 'protobuf',
    'openai', 'anthropic', 'transformers', 'langchain', 'python-dotenv', 'jsonschema', 'marshmallow', 'arrow',
    'pendulum', 'docker', 'kubernetes', 'openpyxl', 'xlrd', 'networkx', 'sympy', 'statsmodels', 'xgboost',
    'lightgbm', 'simplejson', 'ujson', 'orjson', 'pymongo', 'elasticsearch', 'kafka-python', 'pika', 'twisted',
  ],
  go: [
    'github.com/gin-gonic/gin', 'github.com/labstack/echo', 'github.com/gorilla/mux', 'github.com/go-chi/chi',
    'github.com/gofiber/fiber', 'github.com/spf13/cobra', 'github.com/spf13/viper', 'github.com/spf13/pflag',
    'github.com/sirupsen/logrus', 'go.uber.org/zap', 'github.com/rs/zerolog', 'github.com/stretchr/testify',
    'github.com/google/uuid', 'github.com/pkg/errors', 'github.com/go-sql-driver/mysql', 'github.com/lib/pq',
    'github.com/jackc/pgx', 'gorm.io/gorm', 'github.com/jmoiron/sqlx', 'github.com/redis/go-redis',
    'github.com/go-redis/redis', 'google.golang.org/grpc', 'google.golang.org/protobuf', 'github.com/golang/protobuf',
    'golang.org/x/net', 'golang.org/x/sys', 'golang.org/x/crypto', 'golang.org/x/sync', 'golang.org/x/text',
    'gopkg.in/yaml.v3', 'gopkg.in/yaml.v2', 'github.com/gorilla/websocket', 'github.com/golang-jwt/jwt',
    'github.com/prometheus/client_golang', 'github.com/aws/aws-sdk-go', 'github.com/aws/aws-sdk-go-v2',
    'k8s.io/client-go', 'k8s.io/apimachinery', 'github.com/docker/docker', 'github.com/urfave/cli',
  ],
  cargo: [
    'serde', 'serde_json', 'serde_derive', 'tokio', 'async-std', 'futures', 'reqwest', 'hyper', 'axum', 'actix-web',
    'warp', 'rocket', 'clap', 'structopt', 'anyhow', 'thiserror', 'log', 'env_logger', 'tracing',
    'tracing-subscriber', 'rand', 'regex', 'lazy_static', 'once_cell', 'chrono', 'time', 'uuid', 'itertools', 'rayon',
    'crossbeam', 'parking_lot', 'bytes', 'base64', 'hex', 'sha2', 'ring', 'rustls', 'openssl', 'diesel', 'sqlx',
    'tonic', 'prost', 'syn', 'quote', 'proc-macro2', 'libc', 'bitflags', 'num', 'toml', 'walkdir', 'tempfile',
  ],
  maven: [
    'org.springframework.boot:spring-boot-starter-web', 'org.springframework.boot:spring-boot-starter',
    'org.springframework:spring-core', 'org.springframework:spring-context', 'com.google.guava:guava',
    'org.apache.commons:commons-lang3', 'commons-io:commons-io', 'com.fasterxml.jackson.core:jackson-databind',
    'com.fasterxml.jackson.core:jackson-core', 'com.google.code.gson:gson', 'org.slf4j:slf4j-api',
    'ch.qos.logback:logback-classic', 'org.apache.logging.log4j:log4j-core', 'junit:junit',
    'org.junit.jupiter:junit-jupiter', 'org.junit.jupiter:junit-jupiter-api', 'org.mockito:mockito-core',
    'org.assertj:assertj-core', 'org.projectlombok:lombok', 'org.hibernate:hibernate-core',
    'org.postgresql:postgresql', 'mysql:mysql-connector-java', 'com.squareup.okhttp3:okhttp',
    'org.apache.httpcomponents:httpclient', 'io.netty:netty-all', 'org.yaml:snakeyaml', 'org.jetbrains.kotlin:kotlin-stdlib',
  ],
  nuget: [
    'newtonsoft.json', 'serilog', 'nlog', 'automapper', 'dapper', 'polly', 'fluentvalidation', 'fluentassertions',
    'moq', 'nsubstitute', 'xunit', 'nunit', 'mstest.testframework', 'microsoft.net.test.sdk', 'mediatr', 'swashbuckle.aspnetcore',
    'microsoft.entityframeworkcore', 'microsoft.entityframeworkcore.sqlserver', 'npgsql', 'stackexchange.redis',
    'microsoft.extensions.logging', 'microsoft.extensions.dependencyinjection', 'system.text.json', 'castle.core',
    'bogus', 'humanizer', 'restsharp', 'hangfire', 'identitymodel', 'system.identitymodel.tokens.jwt',
  ],
};
