-- One database per subgraph: each slice owns its tables (docker-compose.yml).
CREATE DATABASE IF NOT EXISTS teachers CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS training CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS credits CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS certification CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
